// Stage 3, leaf scores: against the base, or across units; inner nodes untouched.
import { describe, expect, it } from 'vitest';
import { baseValues, leafIndex, scoreLeaves } from '../../../src/core/stages/leaves.js';
import { periodKey } from '../../../src/time/period.js';
import { begin } from './pipeline.js';
import { observe, toy } from './toy.js';

describe('scoreLeaves', () => {
  const fw = toy();
  const id = (s: string): number => fw.byId.get(s)!;

  it('indexes each leaf against the base year, inverting lower-is-better, and leaves the inner nodes to the next stage', () => {
    const obs = observe(fw, [['X', 2014, { a1: 50, a2: 4, b1: 10 }], ['X', 2015, { a1: 60, a2: 5, b1: 0 }]]);
    const s = begin(obs, fw);
    scoreLeaves({ obs, fw, periods: s.periods, aggregate: s.units.aggregate, hasData: s.units.hasData, rowOf: s.rowOf, normalise: s.normalise, scope: 'year', values: s.table.values, warn: s.warn });
    expect(s.table.value(0, 1, id('a1'))).toBeCloseTo(120, 12); // 100 · 60 / 50
    expect(s.table.value(0, 1, id('a2'))).toBeCloseTo(80, 12); // 100 · 4 / 5
    expect(s.table.value(0, 1, id('b1'))).toBe(0);
    expect(s.table.value(0, 0, id('a1'))).toBe(100);
    expect(s.table.value(0, 1, id('A'))).toBeNull();
  });

  it('says once that a zero base leaves every period undefined', () => {
    const obs = observe(fw, [['X', 2014, { a1: 0 }], ['X', 2015, { a1: 3 }], ['X', 2016, { a1: 4 }]]);
    const s = begin(obs, fw);
    scoreLeaves({ obs, fw, periods: s.periods, aggregate: s.units.aggregate, hasData: s.units.hasData, rowOf: s.rowOf, normalise: s.normalise, scope: 'year', values: s.table.values, warn: s.warn });
    expect(s.warn.sorted()).toEqual([{ code: 'zero-base', unit: 'X', year: 2014, node: 'a1' }]);
    expect([0, 1, 2].map((yi) => s.table.value(0, yi, id('a1')))).toEqual([null, null, null]);
  });

  it('scores across units for min-max, the statistics within each year', () => {
    const obs = observe(fw, [['X', 2014, { a1: 1 }], ['Y', 2014, { a1: 3 }], ['Z', 2014, { a1: 2 }]]);
    const s = begin(obs, fw, { normalise: { name: 'min-max', params: [] } });
    scoreLeaves({ obs, fw, periods: s.periods, aggregate: s.units.aggregate, hasData: s.units.hasData, rowOf: s.rowOf, normalise: s.normalise, scope: 'year', values: s.table.values, warn: s.warn });
    expect([0, 1, 2].map((u) => s.table.value(u, 0, id('a1')))).toEqual([0, 100, 50]);
  });

  it('takes the mean of the base year\'s quarters as the base of quarterly data', () => {
    const q = (k: number): number => periodKey(2014, k, 'quarter');
    const obs = observe(fw, [['X', q(1), { a1: 1 }], ['X', q(2), { a1: 2 }], ['X', q(3), { a1: 3 }], ['X', q(4), { a1: 6 }]]);
    obs.frequency = 'quarter';
    const s = begin(obs, fw);
    const b = baseValues(obs, s.periods, fw.nodes.length);
    expect(b.keys).toEqual([2014, 2014, 2014, 2014]);
    expect(b.of(0, 2014)[id('a1')]).toBe(3);
  });

  it('computes one leaf with its warnings', () => {
    const ctx = { unit: 'X', year: 2015, node: 'a2', baseYear: 2014, warnings: [] };
    expect(leafIndex(0, 4, -1, ctx, false)).toBeNaN();
    expect(ctx.warnings).toEqual([{ code: 'zero-lower-better', unit: 'X', year: 2015, node: 'a2' }]);
    expect(leafIndex(8, 4, -1, { ...ctx, warnings: [] }, false)).toBe(50);
  });
});
