// Stage 3, leaf scores: every indicator with data scored for every unit and
// period, either against the base (fixed-base, chain-linked: 100 · x / x_base,
// inverted for lower-is-better) or across units (the cross-sectional
// normalisations of methods.ts, through weigh.ts). Writes the leaves' cells.
import type { Framework } from '../../framework/types.js';
import { PERIODS_IN_YEAR, periodKey, periodOf, periodsOfYear } from '../../time/period.js';
import type { MethodSpec } from '../methods.js';
import type { Observations } from '../observations.js';
import type { Warning } from '../types.js';
import { crossSectionScores } from '../weigh.js';
import type { CellWarnings } from './cells.js';
import { againstBase, type Periods } from './periods.js';

/** What the leaf stage needs: the data, the cells, and where to write. */
export interface LeafInput {
  obs: Observations;
  fw: Framework;
  periods: Periods;
  aggregate: boolean[];
  hasData: boolean[];
  rowOf: Int32Array;
  normalise: MethodSpec;
  scope: 'year' | 'panel';
  /** The table's values, (unit, period index, node) row-major. */
  values: Float64Array;
  warn: CellWarnings;
}

/** No base values yet (a placeholder before the first lookup). */
const EMPTY_BASE = new Float64Array(0);

/** Scores every leaf with data, writing `values`; warns where a score is undefined. */
export function scoreLeaves(x: LeafInput): void {
  const { obs, fw, periods, rowOf, normalise, values, warn } = x;
  const nodes = fw.nodes;
  const years = periods.years;
  const N = nodes.length;
  const U = obs.units.length;
  const Y = years.length;
  const warnAt = (u: number, yi: number, n: number, w: Warning): void => warn.at(u, yi, n, w);
  // The leaves, unit by unit and period by period: a row's cells lie side by side in memory.
  const leafNodes = nodes.filter((n) => n.children.length === 0 && x.hasData[n.index]).map((n) => n.index).reverse();
  if (!againstBase(normalise)) {
    // into the values themselves (NaN until scored, as a totals row's leaves stay)
    crossSectionScores(obs, fw, normalise, x.scope, rowOf, x.aggregate, x.hasData, warnAt, years, values);
    return;
  }
  const data = obs.data;
  const base = baseValues(obs, periods, N);
  const directions = Float64Array.from(nodes, (n) => n.direction);
  for (let u = 0; u < U; u++) {
    const unit = obs.units[u]!;
    const baseWarned = new Set<string>();
    // a unit's base values, looked up once per base key (annual data has one)
    let lastKey = NaN;
    let lastBase: Float64Array = EMPTY_BASE;
    for (let yi = 0; yi < Y; yi++) {
      const row = rowOf[u * Y + yi]!;
      if (row < 0) continue;
      const at = (u * Y + yi) * N;
      const baseKey = base.keys[yi]!;
      if (baseKey !== lastKey) {
        lastBase = base.of(u, baseKey);
        lastKey = baseKey;
      }
      for (let l = 0; l < leafNodes.length; l++) {
        const n = leafNodes[l]!;
        const v0 = data[row * N + n]!;
        const xb = lastBase[n]!;
        if (xb > 0 && v0 > 0) {
          // the common case, with nothing to warn about
          let v = directions[n] === 1 ? (100 * v0) / xb : (100 * xb) / v0;
          // 100 · x overflows near 1e308: divide first then (the base year stays exactly 100)
          if (!Number.isFinite(v)) v = directions[n] === 1 ? 100 * (v0 / xb) : 100 * (xb / v0);
          if (Number.isFinite(v)) values[at + n] = v;
          // null, not Infinity: a ratio of extreme magnitudes overflows a double
          else warnAt(u, yi, n, { code: 'not-finite', unit, year: years[yi]!, node: nodes[n]!.id });
          continue;
        }
        const local: Warning[] = [];
        values[at + n] = leafIndex(v0, xb, nodes[n]!.direction, { unit, year: years[yi]!, node: nodes[n]!.id, baseYear: baseKey, warnings: local }, baseWarned.has(`${n}|${baseKey}`));
        for (const w of local) {
          // a base averaged over the base year's periods: the ones missing, when not all of them are
          if (w.code === 'missing-base') {
            const missing = base.gaps(u, n);
            if (missing.length > 0 && missing.length < PERIODS_IN_YEAR[periods.frequency]) w.detail = { missing: missing.join(',') };
          }
          warnAt(u, yi, n, w);
        }
        if (!(xb > 0)) baseWarned.add(`${n}|${baseKey}`);
      }
    }
  }
}

/**
 * The base of each leaf: the base period's value; for annual data the base
 * year's; for half-years, quarters and months the mean of the base year's
 * periods (all of them); for cumulative spans the same span in the base year.
 * `keys[yi]` is the base key of period yi; `of(u, key)` a unit's base values
 * for it (NaN where undefined), computed once per unit and key.
 */
export function baseValues(obs: Observations, p: Periods, N: number): { keys: number[]; of: (u: number, key: number) => Float64Array; gaps: (u: number, n: number) => number[] } {
  const { frequency: freq, baseYear, basePeriod } = p;
  const data = obs.data;
  const baseKeyOf = (key: number): number => (basePeriod ?? (freq === 'year' ? baseYear : freq === 'cumulative' ? periodKey(baseYear, periodOf(key, freq).sub, freq) : baseYear));
  const keys = p.years.map(baseKeyOf);
  const averaged = basePeriod === undefined && freq !== 'year' && freq !== 'cumulative';
  const baseRows = averaged ? periodsOfYear(baseYear, freq) : [];
  const caches = Array.from({ length: obs.units.length }, () => new Map<number, Float64Array>());
  const of = (u: number, baseKey: number): Float64Array => {
    let b = caches[u]!.get(baseKey);
    if (b !== undefined) return b;
    b = new Float64Array(N).fill(NaN);
    if (averaged) {
      const rows = baseRows.map((k) => obs.row(u, k));
      if (rows.every((r) => r >= 0)) {
        for (let n = 0; n < N; n++) {
          let sum = 0;
          for (const r of rows) sum += data[r * N + n]!;
          b[n] = sum / rows.length; // NaN when any period lacks the value
        }
      }
    } else {
      const r = obs.row(u, baseKey);
      if (r >= 0) b.set(data.subarray(r * N, r * N + N));
    }
    caches[u]!.set(baseKey, b);
    return b;
  };
  // the base year's periods a unit's averaged base lacks for a leaf (8月 of 2023): what its missing-base warning names
  const gaps = (u: number, n: number): number[] => (averaged ? baseRows.filter((k) => { const r = obs.row(u, k); return r < 0 || Number.isNaN(data[r * N + n]!); }) : []);
  return { keys, of, gaps };
}

/** Where a leaf value sits, for its warnings. */
interface LeafContext {
  unit: string;
  year: number;
  node: string;
  baseYear: number;
  warnings: Warning[];
}

/** One leaf's index against the base year, or NaN with a warning saying why. */
export function leafIndex(x: number, xb: number, direction: 1 | -1, at: LeafContext, baseAlreadyWarned: boolean): number {
  const { unit, year, node, warnings } = at;
  if (Number.isNaN(xb) || xb <= 0) {
    // A zero or missing base makes every year's index undefined: say so once.
    if (!baseAlreadyWarned) {
      const code = Number.isNaN(xb) ? 'missing-base' : xb === 0 ? 'zero-base' : 'nonpositive-value';
      warnings.push({ code, unit, year: at.baseYear, node });
    }
    return NaN;
  }
  if (Number.isNaN(x)) {
    warnings.push({ code: 'missing-value', unit, year, node });
    return NaN;
  }
  if (x < 0) {
    warnings.push({ code: 'nonpositive-value', unit, year, node });
    return NaN;
  }
  if (direction === -1) {
    if (x === 0) {
      // null, not Infinity: a lower-is-better value of 0 has no finite index.
      warnings.push({ code: 'zero-lower-better', unit, year, node });
      return NaN;
    }
    return times100Over(xb, x);
  }
  return times100Over(x, xb);
}

/** 100 · a / b, dividing first when 100 · a overflows (a near 1e308). */
function times100Over(a: number, b: number): number {
  const v = (100 * a) / b;
  return Number.isFinite(v) ? v : 100 * (a / b);
}
