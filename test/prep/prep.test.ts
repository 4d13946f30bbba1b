// The one-pass preparation (issue 25) against the plain definitions it
// replaced: imputation that filtered the column again for every gap, and
// COINr's treatment written with arrays. Random panels with gaps, ties,
// outliers, missing rows and units without a group: every value, every
// imputed cell and every line of the log must be the same doubles.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Observations } from '../../src/core/observations.js';
import { parseSpec } from '../../src/core/methods.js';
import { parseFrameworkJson } from '../../src/framework/check.js';
import { impute, screen, treat, treatColumn, type PrepLog } from '../../src/prep/prep.js';
import { kurt, median, skew } from '../../src/stats.js';
import { run } from '../helpers.js';

// ------------------------------------------------------------ the definitions (the code before issue 25)

const mean = (xs: number[]): number => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);

/** Skewness and kurtosis as e1071 type 2, each with its own mean. */
function refSkew(xs: number[]): number {
  const n = xs.length;
  if (n < 3) return NaN;
  const m = mean(xs);
  let s2 = 0;
  let s3 = 0;
  for (const x of xs) {
    const d = x - m;
    s2 += d * d;
    s3 += d * d * d;
  }
  return ((Math.sqrt(n) * s3) / s2 ** 1.5) * (Math.sqrt(n * (n - 1)) / (n - 2));
}
function refKurt(xs: number[]): number {
  const n = xs.length;
  if (n < 4) return NaN;
  const m = mean(xs);
  let s2 = 0;
  let s4 = 0;
  for (const x of xs) {
    const d = x - m;
    s2 += d * d;
    s4 += d * d * d * d;
  }
  const r = (n * s4) / (s2 * s2);
  return (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
}
function refPasses(xs: number[]): boolean | null {
  const present = xs.filter((x) => !Number.isNaN(x));
  const sk = refSkew(present);
  const kt = refKurt(present);
  const a = Number.isNaN(sk) ? null : Math.abs(sk) < 2;
  const b = Number.isNaN(kt) ? null : kt < 3.5;
  if (a === true || b === true) return true;
  if (a === null || b === null) return null;
  return false;
}
/** COINr's winsorise-then-log, with arrays, filters and spreads. */
function refTreatColumn(original: number[], winmax: number): { x: number[]; winsorised: number; log: boolean } {
  const untouched = { x: original, winsorised: 0, log: false };
  const first = refPasses(original);
  if (first === null || first) return untouched;
  const x = [...original];
  let imax: number[] = [];
  let imin: number[] = [];
  let nwin = 0;
  let passing: boolean | null = false;
  while (!passing && nwin < winmax) {
    const present = x.filter((v) => !Number.isNaN(v));
    if (refSkew(present) >= 0) {
      const mx = Math.max(...present);
      imax = x.flatMap((v, i) => (v === mx ? [i] : []));
      const rest = x.filter((v, i) => !Number.isNaN(v) && !imax.includes(i));
      if (rest.length === 0) return untouched;
      const next = Math.max(...rest);
      for (const i of imax) x[i] = next;
    } else {
      const mn = Math.min(...present);
      imin = x.flatMap((v, i) => (v === mn ? [i] : []));
      const rest = x.filter((v, i) => !Number.isNaN(v) && !imin.includes(i));
      if (rest.length === 0) return untouched;
      const next = Math.min(...rest);
      for (const i of imin) x[i] = next;
    }
    nwin = imax.length + imin.length;
    passing = refPasses(x);
    if (passing === null) return untouched;
  }
  if (passing) return { x, winsorised: nwin, log: false };
  const present = original.filter((v) => !Number.isNaN(v));
  const mn = Math.min(...present);
  const mx = Math.max(...present);
  const logged = original.map((v) => (Number.isNaN(v) ? NaN : Math.log(v - mn + 0.01 * (mx - mn))));
  if (refPasses(logged) === null) return untouched;
  return { x: logged, winsorised: 0, log: true };
}
/** A gap's fill: the mean or median of the values present (of the unit's group), filtered again for every gap. */
function refFill(vals: number[], groups: (string | undefined)[], u: number, method: string): number | undefined {
  let pool: number[];
  const name = parseSpec(method).name;
  if (name.startsWith('group-')) {
    const g = groups[u];
    if (g === undefined) return undefined;
    pool = vals.filter((x, k) => !Number.isNaN(x) && groups[k] === g);
  } else pool = vals.filter((x) => !Number.isNaN(x));
  const v = name.endsWith('median') ? median(pool) : mean(pool);
  return Number.isNaN(v) ? undefined : v;
}

// ------------------------------------------------------------ random panels

const LEAVES = 4;
const fw = parseFrameworkJson(JSON.stringify({ name: 't', baseYear: 2020, nodes: [{ id: 'index' }, ...Array.from({ length: LEAVES }, (_, i) => ({ id: `x${i}`, parent: 'index' }))] }), 't.json');

const cell = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 6 }) }, // ties
  { weight: 4, arbitrary: fc.double({ min: 0.5, max: 200, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1e4, 5e4, -300, 0) }, // outliers
  { weight: 2, arbitrary: fc.constant(NaN) }, // gaps
);
const panel = fc.record({
  units: fc.integer({ min: 1, max: 25 }),
  periods: fc.integer({ min: 1, max: 3 }),
  seedCells: fc.array(cell, { minLength: 25 * 3 * LEAVES, maxLength: 25 * 3 * LEAVES }),
  rowMissing: fc.array(fc.boolean(), { minLength: 75, maxLength: 75 }),
  groups: fc.array(fc.constantFrom('A', 'B', 'C', ''), { minLength: 25, maxLength: 25 }),
});
type Panel = { units: number; periods: number; seedCells: number[]; rowMissing: boolean[]; groups: string[] };

/** Observations of a random panel; rows come in a shuffled order (as a file's may), some (unit, period) rows absent. */
function build(p: Panel): Observations {
  const obs = new Observations('t.csv', fw.nodes.length);
  const g = new Map<string, string>();
  for (let u = 0; u < p.units; u++) {
    obs.unitId(`U${u}`);
    g.set(`U${u}`, p.groups[u]!);
  }
  obs.groups.set('G', g);
  for (let k = 0; k < p.units * p.periods; k++) {
    const u = (k * 7) % p.units; // not in unit order
    const y = Math.floor(k / p.units);
    if (p.rowMissing[k] && k > 0) continue;
    for (let l = 0; l < LEAVES; l++) obs.set(u, 2020 + y, l + 1, p.seedCells[(u * p.periods + y) * LEAVES + l]!);
  }
  return obs;
}

/** The cells of observations by "unit|period|node". */
function cells(obs: Observations): Map<string, number> {
  const m = new Map<string, number>();
  for (let u = 0; u < obs.units.length; u++) {
    for (const p of obs.years()) {
      const r = obs.row(u, p);
      if (r >= 0) for (let n = 0; n < obs.nodeCount; n++) m.set(`${obs.units[u]}|${p}|${n}`, obs.value(r, n));
    }
  }
  return m;
}

/** Whether two numbers are the same double (NaN equal to NaN). */
const same = (a: number | undefined, b: number | undefined): boolean => Object.is(a, b) || (a === b);

const newLog = (): PrepLog => ({ imputed: new Set(), screened: [], treated: [], warnings: [] });

describe('one-pass imputation', () => {
  for (const method of ['mean', 'median', 'group-mean:G', 'group-median:G']) {
    it(`--impute ${method} fills every gap with the definition's double`, () => {
      fc.assert(fc.property(panel, (p) => {
        const obs = build(p);
        const log = newLog();
        if (method.startsWith('group-') && p.groups.slice(0, p.units).every((g) => g === '')) {
          expect(() => impute(obs, fw, parseSpec(method), log)).toThrow(/empty for every unit/);
          return true;
        }
        const out = impute(obs, fw, parseSpec(method), log);
        const before = cells(obs);
        const after = cells(out);
        const groups = obs.units.map((u) => (p.groups[Number(u.slice(1))] || undefined));
        const imputed = new Set([...log.imputed].map((slot) => {
          const row = Math.floor(slot / out.nodeCount);
          for (let u = 0; u < out.units.length; u++) for (const y of out.years()) if (out.row(u, y) === row) return `${out.units[u]}|${y}|${slot % out.nodeCount}`;
          return '?';
        }));
        let gaps = 0;
        for (const y of obs.years()) {
          for (let l = 1; l <= LEAVES; l++) {
            const vals = obs.units.map((_, u) => (obs.row(u, y) < 0 ? NaN : obs.value(obs.row(u, y), l)));
            obs.units.forEach((name, u) => {
              if (obs.row(u, y) < 0) return;
              const key = `${name}|${y}|${l}`;
              // a row with no indicator value at all is left empty (not ranked on the others' values)
              const blank = Array.from({ length: LEAVES }, (_, k) => k + 1).every((k) => !obs.nodeHasData[k] || Number.isNaN(obs.value(obs.row(u, y), k)));
              const want = Number.isNaN(vals[u]!) ? (blank ? undefined : refFill(vals, groups, u, method)) : vals[u]!;
              if (Number.isNaN(vals[u]!)) gaps++;
              expect(same(after.get(key), want ?? NaN), `${key}: ${after.get(key)} vs ${want}`).toBe(true);
              expect(imputed.has(key)).toBe(Number.isNaN(vals[u]!) && want !== undefined);
            });
          }
        }
        expect(after.size).toBe(before.size);
        return gaps >= 0;
      }), { numRuns: 120 });
    });
  }
});

describe('treatment and screening', () => {
  it("skew and kurtosis in one pass are the definitions' doubles", () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { maxLength: 40 }), (xs) => {
      expect(same(skew(xs), refSkew(xs))).toBe(true);
      expect(same(kurt(xs), refKurt(xs))).toBe(true);
    }), { numRuns: 2000 });
  });

  it('a column is winsorised, logged or left exactly as the array definition does it', () => {
    const col = fc.oneof(
      { weight: 1, arbitrary: fc.array(fc.oneof(
        { weight: 6, arbitrary: fc.double({ min: 1, max: 100, noNaN: true }) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }) },
        { weight: 1, arbitrary: fc.constantFrom(1e3, 1e5, 1e7, -50, 0, -0) },
        { weight: 1, arbitrary: fc.constant(NaN) },
      ), { maxLength: 60 }) },
      // log-uniform: heavy tails that winsorising a few points does not mend
      { weight: 2, arbitrary: fc.array(fc.oneof({ weight: 9, arbitrary: fc.double({ min: 0, max: 14, noNaN: true }).map(Math.exp) }, { weight: 1, arbitrary: fc.constant(NaN) }), { minLength: 10, maxLength: 60 }) },
    );
    let treated = 0;
    let logged = 0;
    fc.assert(fc.property(col, fc.integer({ min: 1, max: 6 }), (xs, winmax) => {
      const want = refTreatColumn(xs, winmax);
      const got = treatColumn(Float64Array.from(xs), winmax);
      expect([got.winsorised, got.log]).toEqual([want.winsorised, want.log]);
      expect(got.x.length).toBe(want.x.length);
      got.x.forEach((v, i) => expect(same(v, want.x[i]), `${i}: ${v} vs ${want.x[i]}`).toBe(true));
      // treated in place (as treat does a period's column): the same doubles, and an untreated column untouched
      const own = Float64Array.from(xs);
      const inPlace = treatColumn(own, winmax, new Float64Array(xs.length), own);
      expect([inPlace.winsorised, inPlace.log]).toEqual([want.winsorised, want.log]);
      own.forEach((v, i) => expect(Object.is(v, want.x[i]) || (Number.isNaN(v) && Number.isNaN(want.x[i])), `in place ${i}: ${v} vs ${want.x[i]}`).toBe(true));
      const present = xs.filter((v) => !Number.isNaN(v));
      expect(same(got.skew, refSkew(present)) && same(got.kurt, refKurt(present))).toBe(true);
      if (want.winsorised > 0) treated++;
      if (want.log) logged++;
    }), { numRuns: 1500 });
    // the random columns reach both outcomes, not just "passes as it is"
    expect(treated).toBeGreaterThan(100);
    expect(logged).toBeGreaterThan(15);
  });

  it('treat and screen on a panel give the column-by-column results and logs', () => {
    fc.assert(fc.property(panel, fc.constantFrom(0.5, 0.75, 1), (p, share) => {
      const obs = build(p);
      const log = newLog();
      const screened = screen(obs, fw, share, log);
      // screening keeps the rows with at least `share` of the indicators present
      const leavesWithData = [1, 2, 3, 4].filter((n) => obs.nodeHasData[n]);
      const kept: string[] = [];
      const dropped: string[] = [];
      obs.units.forEach((name, u) => {
        for (const y of obs.years()) {
          const r = obs.row(u, y);
          if (r < 0) continue;
          const present = leavesWithData.filter((n) => !Number.isNaN(obs.value(r, n))).length;
          ((leavesWithData.length ? present / leavesWithData.length : 1) < share ? dropped : kept).push(`${name}|${y}`);
        }
      });
      expect(log.screened.map((s) => `${s.unit}|${s.period}`)).toEqual(dropped);
      expect(new Set([...cells(screened).keys()].map((k) => k.split('|').slice(0, 2).join('|')))).toEqual(new Set(kept));
      const t = treat(screened, fw, 3, log);
      const after = cells(t);
      const want: PrepLog['treated'] = [];
      for (let l = 1; l <= LEAVES; l++) {
        if (!screened.nodeHasData[l]) continue;
        for (const y of screened.years()) {
          const units = screened.units.map((_, u) => u).filter((u) => screened.row(u, y) >= 0);
          const col = units.map((u) => screened.value(screened.row(u, y), l));
          const r = refTreatColumn(col, 3);
          const present = col.filter((v) => !Number.isNaN(v));
          if (r.winsorised > 0 || r.log) want.push({ period: y, node: `x${l - 1}`, winsorised: r.winsorised, log: r.log, skew: refSkew(present), kurt: refKurt(present) });
          units.forEach((u, i) => expect(same(after.get(`${screened.units[u]}|${y}|${l}`), r.x[i])).toBe(true));
        }
      }
      expect(log.treated).toEqual(want);
    }), { numRuns: 150 });
  });
});

describe('imputed cells through screening', () => {
  it('a row screened out after imputing does not move the imputed flags onto other cells', () => {
    // U0 2020 is empty (carry-forward cannot fill it, screening drops it); U1 2021 x0 is carried forward from 2020
    const obs = new Observations('t.csv', fw.nodes.length);
    const rows: [number, number, number[]][] = [[0, 2020, [NaN, NaN, NaN, NaN]], [0, 2021, [5, 6, 1, 1]], [1, 2020, [3, 4, 1, 1]], [1, 2021, [NaN, 8, 1, 1]], [2, 2020, [1, 2, 1, 1]], [2, 2021, [3, 3, 1, 1]]];
    for (const [u, y, xs] of rows) xs.forEach((x, l) => obs.set(obs.unitId(`U${u}`), y, l + 1, x));
    const log = newLog();
    const out = screen(impute(obs, fw, parseSpec('carry-forward'), log), fw, 0.9, log);
    expect(log.screened.map((s) => `${s.unit} ${s.period}`)).toEqual(['U0 2020']);
    const flagged = [...log.imputed].map((slot) => {
      const row = Math.floor(slot / out.nodeCount);
      for (let u = 0; u < out.units.length; u++) for (const y of out.years()) if (out.row(u, y) === row) return `${out.units[u]} ${y} x${(slot % out.nodeCount) - 1} = ${out.value(row, slot % out.nodeCount)}`;
      return 'no row';
    });
    expect(flagged).toEqual(['U1 2021 x0 = 3']);
  });
});

describe('the preparation notes in Chinese (the county trial: 按mean插补, x01 2017 (log))', () => {
  it('name the method and the treated indicators in Chinese words', async () => {
    const { describeNote } = await import('../../src/render/notes.js');
    expect(describeNote({ code: 'imputed', detail: { count: 3, method: 'mean' } }, 'zh')).toBe('按均值插补了3个缺失值（JSON 中标记为 imputed）。');
    expect(describeNote({ code: 'imputed', detail: { count: 3, method: 'group-median:区域' } }, 'zh')).toBe('按区域分组的中位数插补了3个缺失值（JSON 中标记为 imputed）。');
    const r = await run(['compute', 'fixtures/zhejiang-synthetic.csv', '--aggregate-unit', '浙江省', '--treat', 'winsorise:5', '--normalise', 'min-max', '--format', 'csv', '--out', '/dev/null']);
    expect(r.code, r.stderr).toBe(0);
    const treated = r.stderr.split('\n').find((l) => l.includes('离群值处理'))!;
    expect(treated).toContain('小微企业总数 2014（缩尾1个点）、');
    expect(treated).not.toMatch(/\(log\)|\(\d+\)|firms/);
  });
});

