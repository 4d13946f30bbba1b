// A small framework and its observations, shared by the stage tests.
import { Observations } from '../../../src/core/observations.js';
import { checkFramework } from '../../../src/framework/check.js';
import type { Framework, FrameworkSpec } from '../../../src/framework/types.js';

// total = (2*A + 1*B)/3; A = mean(a1, a2) with a2 lower-is-better; B = b1.
export const SPEC: FrameworkSpec = {
  name: 'toy',
  baseYear: 2014,
  aggregation: 'arithmetic',
  nodes: [
    { id: 'total' },
    { id: 'A', parent: 'total', weight: 2 },
    { id: 'B', parent: 'total', weight: 1 },
    { id: 'a1', parent: 'A' },
    { id: 'a2', parent: 'A', direction: -1 },
    { id: 'b1', parent: 'B' },
  ],
};

/** The toy framework, checked. */
export function toy(spec: FrameworkSpec = SPEC): Framework {
  return checkFramework(spec, 'toy.json');
}

/** Builds observations from [unit, year, {node: value}] rows. */
export function observe(fw: Framework, rows: [string, number, Record<string, number>][]): Observations {
  const obs = new Observations('toy.csv', fw.nodes.length);
  for (const [unit, year, values] of rows) {
    const u = obs.unitId(unit);
    for (const [id, v] of Object.entries(values)) obs.set(u, year, fw.byId.get(id)!, v);
  }
  return obs;
}
