// The record of a run: what each stage used and did, as the renderers read it.
import { describe, expect, it } from 'vitest';
import { computeIndex } from '../../../src/core/compute.js';
import { STAGES } from '../../../src/core/record.js';
import { methodSummary } from '../../../src/render/compute.js';
import { observe, toy } from './toy.js';

describe('the run record', () => {
  const fw = toy();
  const rows: Parameters<typeof observe>[1] = [
    ['X', 2014, { a1: 1, a2: 4, b1: 10 }], ['Y', 2014, { a1: 3, a2: 2, b1: 30 }], ['Z', 2014, { a1: 2, a2: 9, b1: 20 }], ['全省', 2014, { a1: 6, a2: 15, b1: 60 }],
  ];

  it('says what each stage used and changed', () => {
    const t = computeIndex(observe(fw, rows), fw, { normalise: { name: 'min-max', params: [] }, weights: { name: 'entropy', params: [] } });
    const r = t.record;
    expect(r.prepare).toBeUndefined();
    expect(r.periods).toEqual({ baseYear: 2014, basePeriod: undefined, refYear: undefined, count: 1 });
    expect(r.units).toEqual({ count: 4, aggregates: ['全省'] });
    expect(r.leaves).toEqual({ normalise: { name: 'min-max', params: [] }, scope: 'year', directionIgnored: [] });
    // every inner node weighed, from the data: A's two children, total's two modules
    expect([...r.weights.used.keys()].map((n) => fw.nodes[n]!.id).sort()).toEqual(['A', 'B', 'total']);
    const a = r.weights.used.get(fw.byId.get('A')!)!;
    expect(a).toHaveLength(2);
    expect(a.every((w) => w > 0)).toBe(true);
    expect(r.aggregation.method).toBeUndefined();
    // the JSON method is the record, written out
    expect(methodSummary(t)).toEqual({ normalise: 'min-max', weights: 'entropy', aggregation: 'arithmetic', scope: 'year' });
  });

  it('names the stages in the order computeIndex runs them', () => {
    expect(STAGES.map(([s]) => s)).toEqual(['prepare', 'periods', 'units', 'leaves', 'weights', 'aggregation', 'changes']);
  });
});
