// Hand-worked examples and invariants of the fixed-base index.
import { describe, expect, it } from 'vitest';
import { computeIndex, type IndexTable } from '../../src/core/compute.js';
import { Observations } from '../../src/core/observations.js';
import { isSmeiError } from '../../src/errors.js';
import { checkFramework } from '../../src/framework/check.js';
import type { Framework } from '../../src/framework/types.js';
import { SPEC } from './stages/toy.js';

// total = (2*A + 1*B)/3; A = mean(a1, a2) with a2 lower-is-better; B = b1 (the stage tests' framework)

/** Builds observations from [unit, year, {node: value}] rows. */
function observe(fw: Framework, rows: [string, number, Record<string, number>][]): Observations {
  const obs = new Observations('toy.csv', fw.nodes.length);
  for (const [unit, year, values] of rows) {
    const u = obs.unitId(unit);
    for (const [id, v] of Object.entries(values)) obs.set(u, year, fw.byId.get(id)!, v);
  }
  return obs;
}

/** A value by unit name, year and node id. */
function value(t: IndexTable, unit: string, year: number, node: string): number | null {
  return t.value(t.units.indexOf(unit), t.yearIdx(year)!, t.framework.byId.get(node)!);
}

/** A rank by unit name, year and node id. */
function rank(t: IndexTable, unit: string, year: number, node: string): number | null {
  return t.rank(t.units.indexOf(unit), t.yearIdx(year)!, t.framework.byId.get(node)!);
}

const X: [string, number, Record<string, number>][] = [
  ['X', 2014, { a1: 50, a2: 20, b1: 10 }],
  ['X', 2015, { a1: 60, a2: 25, b1: 12 }],
];

describe('computeIndex, hand-worked', () => {
  it('weights, a lower-is-better indicator and arithmetic means', () => {
    const fw = checkFramework(SPEC, 'toy');
    const t = computeIndex(observe(fw, X), fw);
    expect(value(t, 'X', 2015, 'a1')).toBeCloseTo(120, 12); // 100*60/50
    expect(value(t, 'X', 2015, 'a2')).toBeCloseTo(80, 12); // 100*20/25
    expect(value(t, 'X', 2015, 'A')).toBeCloseTo(100, 12); // (120+80)/2
    expect(value(t, 'X', 2015, 'B')).toBeCloseTo(120, 12);
    expect(value(t, 'X', 2015, 'total')).toBeCloseTo(320 / 3, 12); // (2*100+120)/3
    const u = 0;
    const yi = t.yearIdx(2015)!;
    expect(t.yoyPct(u, yi, 0)).toBeCloseTo((320 / 3 / 100 - 1) * 100, 12);
    expect(t.warnings).toEqual([]);
  });

  it('geometric aggregation', () => {
    const fw = checkFramework({ ...SPEC, aggregation: 'geometric' }, 'toy');
    const t = computeIndex(observe(fw, X), fw);
    expect(value(t, 'X', 2015, 'A')).toBeCloseTo(Math.sqrt(120 * 80), 10); // 97.9796
    expect(value(t, 'X', 2015, 'total')).toBeCloseTo(Math.cbrt(120 * 80 * 120), 10); // (A^2 * B)^(1/3) = 104.8297
    expect(value(t, 'X', 2015, 'total')).toBeCloseTo(104.8296557683559, 10);
  });

  it('a geometric mean meeting an index of 0 is refused, every such cell named; the sensitivity analysis may ask for a missing node instead', () => {
    const fw = checkFramework({ ...SPEC, aggregation: 'geometric' }, 'toy');
    // Y's a1 is 0 in 2015 (index 0), W's b1 is 0 in 2015 (index 0): two cells, both named
    const rows: typeof X = [...X, ['Y', 2014, { a1: 10, a2: 20, b1: 10 }], ['Y', 2015, { a1: 0, a2: 10, b1: 15 }], ['W', 2014, { a1: 10, a2: 20, b1: 10 }], ['W', 2015, { a1: 10, a2: 20, b1: 0 }]];
    let err: unknown;
    try {
      computeIndex(observe(fw, rows), fw);
    } catch (e) {
      err = e;
    }
    expect(isSmeiError(err) && err.code).toBe('data');
    expect((err as Error).message).toContain('in 2 cells: Y 2015 A (a1 = 0); W 2015 B (b1 = 0).');
    expect((err as Error).message).toContain('an index of 0 means a value of 0 in the period');
    const t = computeIndex(observe(fw, rows), fw, { nonPositive: 'missing' });
    expect(value(t, 'Y', 2015, 'A')).toBeNull();
    expect(t.warnings).toContainEqual({ code: 'geometric-nonpositive', unit: 'Y', year: 2015, node: 'A', detail: { method: 'geometric', crossSection: 0 } });
  });

  it('a zero base makes the indicator undefined, with a warning, and renormalises', () => {
    const fw = checkFramework(SPEC, 'toy');
    const t = computeIndex(observe(fw, [...X, ['Y', 2014, { a1: 0, a2: 20, b1: 10 }], ['Y', 2015, { a1: 5, a2: 10, b1: 15 }]]), fw);
    expect(value(t, 'Y', 2015, 'a1')).toBeNull();
    expect(value(t, 'Y', 2015, 'A')).toBeCloseTo(200, 12); // only a2: 100*20/10
    expect(value(t, 'Y', 2015, 'total')).toBeCloseTo((2 * 200 + 150) / 3, 12);
    expect(t.warnings).toContainEqual({ code: 'zero-base', unit: 'Y', year: 2014, node: 'a1' });
    expect(t.warnings).toContainEqual({ code: 'renormalised', unit: 'Y', year: 2015, node: 'A', detail: { present: 1, expected: 2 } });
    expect(t.warnings.filter((w) => w.code === 'zero-base')).toHaveLength(1);
  });

  it('a missing value drops out of the mean; a node with no child present is null', () => {
    const fw = checkFramework(SPEC, 'toy');
    const t = computeIndex(observe(fw, [...X, ['Z', 2014, { a1: 10, a2: 10, b1: 10 }], ['Z', 2015, { a1: 11, a2: 10, b1: NaN }]]), fw);
    expect(value(t, 'Z', 2015, 'b1')).toBeNull();
    expect(value(t, 'Z', 2015, 'B')).toBeNull();
    expect(value(t, 'Z', 2015, 'total')).toBeCloseTo((110 + 100) / 2, 12); // A only
    expect(t.warnings).toContainEqual({ code: 'missing-value', unit: 'Z', year: 2015, node: 'b1' });
    expect(t.warnings).toContainEqual({ code: 'renormalised', unit: 'Z', year: 2015, node: 'total', detail: { present: 1, expected: 2 } });
  });

  it('a lower-is-better value of 0 is null, never Infinity', () => {
    const fw = checkFramework(SPEC, 'toy');
    const t = computeIndex(observe(fw, [['X', 2014, { a1: 1, a2: 5, b1: 1 }], ['X', 2015, { a1: 1, a2: 0, b1: 1 }]]), fw);
    expect(value(t, 'X', 2015, 'a2')).toBeNull();
    expect(t.warnings).toContainEqual({ code: 'zero-lower-better', unit: 'X', year: 2015, node: 'a2' });
  });

  it('an index that overflows a double is null with a warning, never Infinity', () => {
    const fw = checkFramework(SPEC, 'toy');
    const t = computeIndex(observe(fw, [['X', 2014, { a1: 1e-300, a2: 1, b1: 1 }], ['X', 2015, { a1: 1e300, a2: 1, b1: 1 }]]), fw);
    expect(value(t, 'X', 2015, 'a1')).toBeNull();
    expect(value(t, 'X', 2015, 'A')).toBeCloseTo(100, 12);
    expect(t.warnings).toContainEqual({ code: 'not-finite', unit: 'X', year: 2015, node: 'a1' });
  });

  it('aggregate units are not ranked; ties share the best rank (1224)', () => {
    const fw = checkFramework(SPEC, 'toy');
    const rows: [string, number, Record<string, number>][] = [];
    const grow: Record<string, number> = { P: 1.5, Q: 1.2, R: 1.2, S: 1.1, ALL: 2 };
    for (const [unit, g] of Object.entries(grow)) {
      rows.push([unit, 2014, { a1: 10, a2: 10, b1: 10 }], [unit, 2015, { a1: 10 * g, a2: 10 / g, b1: 10 * g }]);
    }
    const t = computeIndex(observe(fw, rows), fw, { aggregateUnits: ['ALL'] });
    expect(['P', 'Q', 'R', 'S', 'ALL'].map((u) => rank(t, u, 2015, 'total'))).toEqual([1, 2, 2, 4, null]);
    expect(value(t, 'ALL', 2015, 'total')).toBeCloseTo(200, 12);
  });

  it('changes against a reference year, in points and percent', () => {
    const fw = checkFramework(SPEC, 'toy');
    const t = computeIndex(observe(fw, X), fw, { refYear: 2014 });
    const yi = t.yearIdx(2015)!;
    expect(t.vsRefPoints(0, yi, 0)).toBeCloseTo(320 / 3 - 100, 12);
    expect(t.vsRefPct(0, yi, 0)).toBeCloseTo(320 / 3 - 100, 12); // against the base year points = percent
  });
});

describe('invariants', () => {
  const fw = checkFramework(SPEC, 'toy');
  const rows: [string, number, Record<string, number>][] = [];
  for (let u = 0; u < 6; u++) {
    for (let y = 2014; y <= 2018; y++) rows.push([`U${u}`, y, { a1: 10 + u * 3 + y * 0.7, a2: 40 - u - (y - 2014) * 2, b1: 5 + ((u * 7 + y) % 5) }]);
  }

  it('every index is 100 in the base year', () => {
    const t = computeIndex(observe(fw, rows), fw);
    for (let u = 0; u < 6; u++) for (const n of fw.nodes) expect(t.value(u, 0, n.index)).toBeCloseTo(100, 12);
  });

  it('scaling a raw indicator by a constant changes nothing', () => {
    const scaled = rows.map(([u, y, v]): [string, number, Record<string, number>] => [u, y, { ...v, a1: v.a1! * 1000, b1: v.b1! / 7 }]);
    const a = computeIndex(observe(fw, rows), fw);
    const b = computeIndex(observe(fw, scaled), fw);
    for (let u = 0; u < 6; u++) for (let yi = 0; yi < 5; yi++) for (const n of fw.nodes) expect(b.value(u, yi, n.index)).toBeCloseTo(a.value(u, yi, n.index)!, 9);
  });

  it('ranks are 1..n', () => {
    const t = computeIndex(observe(fw, rows), fw);
    for (let yi = 1; yi < 5; yi++) {
      const ranks = [0, 1, 2, 3, 4, 5].map((u) => t.rank(u, yi, 0)).sort((a, b) => a! - b!);
      expect(ranks[0]).toBe(1);
      expect(ranks.every((r) => r! >= 1 && r! <= 6)).toBe(true);
    }
  });

  it('the base year must be in the data when raw values are given', () => {
    const later = rows.filter(([, y]) => y > 2014);
    expect(() => computeIndex(observe(fw, later), fw)).toThrow(/no data for the base year 2014/);
    expect(computeIndex(observe(fw, later), fw, { baseYear: 2015 }).baseYear).toBe(2015);
  });
});
