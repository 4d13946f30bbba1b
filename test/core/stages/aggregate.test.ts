// Stages 4-5, weights and aggregation: each node weighed (recorded), then its cells from the children present.
import { describe, expect, it } from 'vitest';
import { aggregateTree, aggregationOf } from '../../../src/core/stages/aggregate.js';
import { scoreLeaves } from '../../../src/core/stages/leaves.js';
import { finishWeights, weightsNeedData } from '../../../src/core/stages/weights.js';
import type { ComputeOptions } from '../../../src/core/types.js';
import { begin } from './pipeline.js';
import { observe, SPEC, toy } from './toy.js';

/** The table after the leaf stage and the weights and aggregation stages. */
function aggregated(rows: Parameters<typeof observe>[1], options: ComputeOptions = {}, spec = SPEC) {
  const fw = toy(spec);
  const obs = observe(fw, rows);
  const s = begin(obs, fw, options);
  scoreLeaves({ obs, fw, periods: s.periods, aggregate: s.units.aggregate, hasData: s.units.hasData, rowOf: s.rowOf, normalise: s.normalise, scope: 'year', values: s.table.values, warn: s.warn });
  aggregateTree(s.table, s.rowOf, s.warn, 'saaty');
  finishWeights(s.table, options.allowInconsistent === true);
  const v = (u: number, yi: number, node: string): number | null => s.table.value(u, yi, fw.byId.get(node)!);
  return { ...s, fw, v, warnings: s.warn.sorted() };
}

describe('weights and aggregation', () => {
  it('computes the tree by hand: A = (a1 + a2) / 2, total = (2A + B) / 3', () => {
    const r = aggregated([['X', 2014, { a1: 50, a2: 4, b1: 10 }], ['X', 2015, { a1: 60, a2: 5, b1: 13 }]]);
    expect(r.v(0, 1, 'A')).toBeCloseTo(100, 12); // (120 + 80) / 2
    expect(r.v(0, 1, 'total')).toBeCloseTo((2 * 100 + 130) / 3, 12);
    expect(r.v(0, 0, 'total')).toBe(100);
  });

  it('records the weights each node gave its children', () => {
    const r = aggregated([['X', 2014, { a1: 1, a2: 1, b1: 1 }]]);
    const used = r.table.record.weights.used;
    expect(used.get(r.fw.byId.get('total')!)).toEqual([2, 1]);
    expect(used.get(r.fw.byId.get('A')!)).toEqual([1, 1]);
    expect(r.table.record.weights.ahp).toEqual([]);
  });

  it('renormalises over the children present and says so', () => {
    const r = aggregated([['X', 2014, { a1: 50, a2: 4, b1: 10 }], ['X', 2015, { a1: 60, b1: 13 }]]);
    expect(r.v(0, 1, 'A')).toBeCloseTo(120, 12);
    expect(r.warnings).toContainEqual({ code: 'renormalised', unit: 'X', year: 2015, node: 'A', detail: { present: 1, expected: 2 } });
  });

  it('takes an inner value given in the data as it is', () => {
    const r = aggregated([['X', 2014, { a1: 50, a2: 4, b1: 10 }], ['X', 2015, { a1: 60, a2: 5, b1: 13, A: 111 }]]);
    expect(r.v(0, 1, 'A')).toBe(111);
    expect(r.table.given(0, 1, r.fw.byId.get('A')!)).toBe(true);
  });

  it('chooses each node\'s aggregation: the run\'s override, the nearest ancestor\'s, the framework\'s', () => {
    const fw = toy({ ...SPEC, nodes: SPEC.nodes.map((n) => (n.id === 'A' ? { ...n, aggregation: 'geometric' } : n)) });
    expect(aggregationOf(fw, fw.byId.get('A')!, undefined).name).toBe('geometric');
    expect(aggregationOf(fw, fw.byId.get('a1')!, undefined).name).toBe('geometric');
    expect(aggregationOf(fw, fw.byId.get('total')!, undefined).name).toBe('arithmetic');
    expect(aggregationOf(fw, fw.byId.get('A')!, { name: 'harmonic', params: [] }).name).toBe('harmonic');
  });

  it('weighs data-driven methods node by node and records AHP consistency in framework order', () => {
    expect(weightsNeedData({ name: 'entropy', params: [] })).toBe(true);
    expect(weightsNeedData({ name: 'ahp', params: [] })).toBe(false);
    const spec = { ...SPEC, nodes: SPEC.nodes.map((n) => (n.id === 'total' ? { ...n, ahp: [[1, 3], [1 / 3, 1]] } : n)) };
    const r = aggregated([['X', 2014, { a1: 1, a2: 1, b1: 1 }]], { weights: { name: 'ahp', params: [] } }, spec);
    const w = r.table.record.weights.used.get(r.fw.byId.get('total')!)!;
    expect(w[0]! / w[1]!).toBeCloseTo(3, 12);
    expect(r.table.record.weights.ahp.map((x) => x.node)).toEqual(['total']);
    expect(r.table.record.weights.ahp[0]!.cr).toBeCloseTo(0, 12);
  });
});
