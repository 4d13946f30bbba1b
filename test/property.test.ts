// Property tests: any bytes give a result or a clean error; random valid
// panels keep the invariants of the index.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeIndex, isTie } from '../src/core/compute.js';
import { diffRanks } from '../src/core/diff.js';
import { decompose } from '../src/core/drivers.js';
import { Observations } from '../src/core/observations.js';
import { checkFramework } from '../src/framework/check.js';
import type { FrameworkSpec } from '../src/framework/types.js';
import { run } from './helpers.js';

/** A run must end in success or a clean, located error: never an internal error or a stack. */
function expectCleanOutcome(r: { code: number; stderr: string }): void {
  expect([0, 2]).toContain(r.code);
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr).not.toMatch(/^\s+at /m);
  if (r.code === 2) expect(r.stderr).toMatch(/^smei: |error: /);
}

describe('robustness', () => {
  it('random bytes give a result or a clean error', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
      expectCleanOutcome(await run(['compute', '-', '--format', 'json'], { stdin: bytes }));
    }), { numRuns: 150 });
  });

  it('random CSV-like text gives a result or a clean error', async () => {
    const token = fc.constantFrom(',', ';', '\t', '"', '\n', '\r\n', '\r', ' ', '　', 'a', '1', '2', '.', '-', '1e400', 'NaN', '地区', '年份', 'unit', 'year', 'firms', 'revenue', '2014', '2015', 'NA', '１２', '1,234', '=1+1', '\u202e');
    await fc.assert(fc.asyncProperty(fc.array(token, { maxLength: 120 }), async (tokens) => {
      const text = tokens.join('');
      for (const prefix of ['', 'unit,year,firms,revenue\n']) expectCleanOutcome(await run(['compute', '-'], { stdin: prefix + text }));
    }), { numRuns: 150 });
  });
});

// A random framework: 2 modules, 2-3 leaves each, random weights and directions.
const frameworkArb = fc.record({
  geometric: fc.boolean(),
  weights: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 8, maxLength: 8 }),
  directions: fc.array(fc.constantFrom(1 as const, -1 as const), { minLength: 6, maxLength: 6 }),
});

/** Builds the framework spec from the random choices. */
function spec(f: { geometric: boolean; weights: number[]; directions: (1 | -1)[] }): FrameworkSpec {
  const leaves = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'];
  return {
    name: 'random', baseYear: 2014, aggregation: f.geometric ? 'geometric' : 'arithmetic',
    nodes: [
      { id: 'root' },
      { id: 'A', parent: 'root', weight: f.weights[6]! },
      { id: 'B', parent: 'root', weight: f.weights[7]! },
      ...leaves.map((id, i) => ({ id, parent: id[0]!.toUpperCase(), weight: f.weights[i]!, direction: f.directions[i]! })),
    ],
  };
}

// A random panel: units x years of positive leaf values (some ties on purpose).
const panelArb = fc.record({
  units: fc.integer({ min: 1, max: 6 }),
  years: fc.integer({ min: 2, max: 4 }),
  values: fc.array(fc.oneof(fc.double({ min: 0.5, max: 1000, noNaN: true }), fc.constant(10)), { minLength: 6 * 4 * 6, maxLength: 6 * 4 * 6 }),
});

/** The index table of a random panel, with one leaf scaled by `scale`. */
function computePanel(f: FrameworkSpec, p: { units: number; years: number; values: number[] }, scale = 1) {
  const fw = checkFramework(f, 'random');
  const obs = new Observations('random.csv', fw.nodes.length);
  let k = 0;
  for (let u = 0; u < p.units; u++) {
    const id = obs.unitId(`U${u}`);
    for (let y = 0; y < p.years; y++) {
      for (const leaf of ['a1', 'a2', 'a3', 'b1', 'b2', 'b3']) obs.set(id, 2014 + y, fw.byId.get(leaf)!, p.values[k++]! * (leaf === 'b2' ? scale : 1));
    }
  }
  return computeIndex(obs, fw);
}

describe('invariants on random panels', () => {
  it('every index is 100 in the base year', () => {
    fc.assert(fc.property(frameworkArb, panelArb, (f, p) => {
      const t = computePanel(spec(f), p);
      for (let u = 0; u < p.units; u++) for (let n = 0; n < t.nodeCount; n++) expect(t.value(u, 0, n)).toBeCloseTo(100, 9);
    }), { numRuns: 200 });
  });

  it('ranks are competition ranks 1..n', () => {
    fc.assert(fc.property(frameworkArb, panelArb, (f, p) => {
      const t = computePanel(spec(f), p);
      for (let yi = 0; yi < p.years; yi++) {
        for (let n = 0; n < t.nodeCount; n++) {
          for (let u = 0; u < p.units; u++) {
            const v = t.value(u, yi, n)!;
            const better = [...Array(p.units).keys()].filter((o) => t.value(o, yi, n)! > v && !isTie(t.value(o, yi, n)!, v)).length;
            const r = t.rank(u, yi, n)!;
            expect(r).toBeGreaterThanOrEqual(1);
            expect(r).toBeLessThanOrEqual(p.units);
            // rank = 1 + the number of units strictly ahead (ties within 1e-9 share a rank)
            expect(r).toBe(better + 1);
          }
        }
      }
    }), { numRuns: 200 });
  });

  it('scaling a raw indicator by a constant changes no index', () => {
    fc.assert(fc.property(frameworkArb, panelArb, fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (f, p, c) => {
      const a = computePanel(spec(f), p);
      const b = computePanel(spec(f), p, c);
      for (let u = 0; u < p.units; u++) for (let yi = 0; yi < p.years; yi++) for (let n = 0; n < a.nodeCount; n++) {
        const x = a.value(u, yi, n)!;
        expect(Math.abs(b.value(u, yi, n)! - x)).toBeLessThanOrEqual(1e-9 * Math.abs(x));
      }
    }), { numRuns: 200 });
  });

  it('diff of a panel with itself is all same', () => {
    fc.assert(fc.property(frameworkArb, panelArb, (f, p) => {
      const t = computePanel(spec(f), p);
      const y = 2014 + p.years - 1;
      const d = diffRanks({ table: t, label: 'a', year: y, node: 0 }, { table: t, label: 'a', year: y, node: 0 }, { revision: true });
      expect(d.changed).toBe(false);
      expect(d.summary).toEqual({ up: 0, down: 0, same: p.units, changed: 0, new: 0, dropped: 0 });
      expect(d.revision).toEqual({ tolerance: 1e-9, nodesOneSide: { from: [], to: [] }, againstComputed: { from: [], to: [] }, cells: [], unitsAdded: [], unitsDropped: [], yearsAdded: [], yearsDropped: [] });
    }), { numRuns: 200 });
  });

  it('drivers add up to the change', () => {
    fc.assert(fc.property(frameworkArb, panelArb, (f, p) => {
      const t = computePanel(spec(f), p);
      for (let u = 0; u < p.units; u++) for (let yi = 1; yi < p.years; yi++) {
        const d = decompose(t, u, yi, 0)!;
        const sum = d.children.reduce((s, c) => s + c.points, 0) + d.remainder;
        expect(Math.abs(sum - d.change)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(d.to)));
        expect(Math.abs(d.remainder)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(d.to)));
        for (const c of d.children) {
          const parts = c.parts.reduce((s, x) => s + x.points, 0);
          expect(Math.abs(parts - c.points)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(d.to)));
        }
      }
    }), { numRuns: 200 });
  });
});
