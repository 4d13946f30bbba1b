// Data review (数据审核): every submitted value checked before anything is
// computed. Rules: missing, yoy-jump, out-of-range, unchanged, outlier,
// conflict; each at a level (error, warning, off) that the framework and the
// command line may change. Pure: observations in, findings out.
import { sameValue } from '../core/equal.js';
import type { Observations } from '../core/observations.js';
import { medianInPlace } from '../stats.js';
import type { Framework, FrameworkNode, ReviewLevel, ReviewRule } from '../framework/types.js';
import { inputRange } from './form.js';
import type { Conflict } from './merge.js';
import { sameLastYear } from '../time/period.js';

/** One finding: a value a rule flags, where it is and why. */
export interface Finding {
  unit: string;
  /** The period reviewed (its key: the year itself for annual data). */
  period: number;
  /** The node id; '' for a finding about a whole unit. */
  node: string;
  rule: ReviewRule;
  level: 'error' | 'warning';
  value: number | null;
  /** The value a year earlier, where the rule compares with it. */
  previous?: number | null;
  /** Where the value came from (file, sheet and cell, or line). */
  source?: string;
  /** Numbers the sentence quotes: the change, the bounds, the z-score... */
  detail: Record<string, number | string>;
}

/** The default level of each rule. */
export const DEFAULT_LEVELS: Record<ReviewRule, ReviewLevel> = {
  missing: 'error', 'out-of-range': 'error', unchanged: 'error', conflict: 'error', 'yoy-jump': 'warning', outlier: 'warning',
};

/** The rules in the order findings list them. */
export const RULES: ReviewRule[] = ['conflict', 'missing', 'out-of-range', 'unchanged', 'yoy-jump', 'outlier'];

/** What a review looks at. */
export interface ReviewInput {
  /** The year reviewed. */
  year: number;
  /** Values a year earlier, when not in `obs` itself (--previous). */
  previous?: Observations;
  /** Units that should have submitted (--units). */
  expectedUnits?: string[];
  conflicts?: Conflict[];
  /** Levels from the command line, over the framework's and the defaults. */
  levels?: Partial<Record<ReviewRule, ReviewLevel>>;
  /** Only the rules at this level (compute and report run the error-level rules first). */
  only?: 'error';
}

/** What scanRow flags in a leaf's cell. */
const MISSING = 1;
const OUT_OF_RANGE = 2;
const JUMP = 4;

/** The leaves' settings and the YoY pools that scanRow fills (typed arrays, one slot per leaf). */
interface ScanSettings {
  /** Each leaf's node index. */
  leafIndex: Int32Array;
  /** Bounds, NaN for none. */
  lowers: Float64Array;
  uppers: Float64Array;
  /** The largest YoY change (%) not flagged. */
  maxChanges: Float64Array;
  /** YoY (%) by leaf: leaf l's k-th at l * U + k, from unit who[l * U + k]; counts[l] of them. */
  pcts: Float64Array;
  who: Int32Array;
  counts: Int32Array;
  /** Out: what each leaf's cell in the row scanned has (MISSING, OUT_OF_RANGE, JUMP), and the year before's value. */
  flags: Uint8Array;
  previous: Float64Array;
  U: number;
}

/**
 * Checks one unit's row against its bounds and the year before, cell by
 * cell (the hot loop, kept apart so that V8 optimises it alone): flags each
 * leaf, adds each YoY to its leaf's pool, and puts in tally the number of
 * values compared with the year before and how many are unchanged. True when
 * any leaf is flagged.
 */
function scanRow(s: ScanSettings, data: Float64Array, row: number, prevData: Float64Array, prevRow: number, N: number, unit: number, tally: Int32Array): boolean {
  const { leafIndex, lowers, uppers, maxChanges, pcts, who, counts, flags, previous, U } = s;
  let compared = 0;
  let same = 0;
  let any = false;
  for (let l = 0; l < leafIndex.length; l++) {
    const n = leafIndex[l]!;
    const v = data[row * N + n]!;
    let f = 0;
    if (Number.isNaN(v)) {
      f = MISSING;
    } else {
      if (v < lowers[l]! || v > uppers[l]!) f = OUT_OF_RANGE;
      const p = prevRow < 0 ? NaN : prevData[prevRow * N + n]!;
      if (!Number.isNaN(p)) {
        compared++;
        if (sameValue(p, v)) same++; // one comparison, one tolerance (core/equal.ts): 3.5% read from a workbook equals a typed 3.5
        if (p !== 0) {
          const pct = (v / p - 1) * 100;
          if (Math.abs(pct) > maxChanges[l]!) {
            f |= JUMP;
            previous[l] = p;
          }
          const k = l * U + counts[l]!++;
          pcts[k] = pct;
          who[k] = unit;
        }
      }
    }
    flags[l] = f;
    if (f !== 0) any = true;
  }
  tally[0] = compared;
  tally[1] = same;
  return any;
}

/**
 * The outliers among a leaf's YoY changes (copied forms left out):
 * Iglewicz and Hoaglin's modified z-score, 0.6745 (x - median) / MAD, above
 * the threshold; needs five units and a MAD above 0. In the pool's order.
 */
function outliers(s: ScanSettings, l: number, copied: Uint8Array, scratch: Float64Array, threshold: number): { unit: number; pct: number; median: number; z: number }[] {
  const pcts = s.pcts.subarray(l * s.U, l * s.U + s.counts[l]!);
  const who = s.who.subarray(l * s.U, l * s.U + s.counts[l]!);
  let count = 0;
  for (let i = 0; i < pcts.length; i++) {
    if (copied[who[i]!] === 1) continue;
    pcts[count] = pcts[i]!;
    who[count++] = who[i]!;
  }
  if (count < 5) return [];
  const kept = pcts.subarray(0, count);
  const work = scratch.subarray(0, count);
  work.set(kept);
  const m = medianInPlace(work);
  for (let i = 0; i < count; i++) work[i] = Math.abs(kept[i]! - m);
  const mad = medianInPlace(work);
  if (mad === 0) return [];
  const found = [];
  for (let i = 0; i < count; i++) {
    const z = (0.6745 * (kept[i]! - m)) / mad;
    if (Math.abs(z) > threshold) found.push({ unit: who[i]!, pct: kept[i]!, median: m, z });
  }
  return found;
}

/** The effective level of each rule. */
export function ruleLevels(fw: Framework, cli: Partial<Record<ReviewRule, ReviewLevel>> = {}): Record<ReviewRule, ReviewLevel> {
  return { ...DEFAULT_LEVELS, ...(fw.review.levels ?? {}), ...cli };
}

/** Reviews the values of one year; findings in unit, node and rule order. */
export function reviewData(obs: Observations, fw: Framework, input: ReviewInput): Finding[] {
  const levels = ruleLevels(fw, input.levels);
  const on = (rule: ReviewRule): boolean => levels[rule] !== 'off' && (input.only === undefined || levels[rule] === input.only);
  const level = (rule: ReviewRule): 'error' | 'warning' => levels[rule] as 'error' | 'warning';
  const year = input.year;
  const N = fw.nodes.length;
  const leaves = fw.nodes.filter((n) => n.children.length === 0);
  const prevObs = input.previous ?? obs;
  const hasData = (n: FrameworkNode): boolean => obs.nodeHasData[n.index] === true || (input.previous?.nodeHasData[n.index] ?? false);
  const expected = leaves.filter((n) => n.required && hasData(n));
  const findings: Finding[] = [];
  const at = (o: Observations, unit: string, y: number): number => {
    const u = o.findUnit(unit);
    return u === undefined ? -1 : o.row(u, y);
  };
  const valueOf = (o: Observations, row: number, n: number): number | null => {
    if (row < 0) return null;
    const v = o.value(row, n);
    return Number.isNaN(v) ? null : v;
  };
  const src = (row: number, n: number): { source?: string } => {
    const s = row < 0 ? undefined : obs.source?.(row * N + n);
    return s === undefined ? {} : { source: s };
  };

  if (on('conflict')) {
    for (const c of input.conflicts ?? []) {
      findings.push({ unit: c.unit, period: c.year, node: fw.nodes[c.node]!.id, rule: 'conflict', level: level('conflict'), value: c.second.value, source: c.second.where, detail: { first: c.first.value, firstSource: c.first.where } });
    }
  }

  const units = [...obs.units];
  for (const unit of input.expectedUnits ?? []) if (!units.includes(unit)) units.push(unit);
  const U = units.length;
  // The leaves' settings in typed arrays, for the cell loop (scanRow): a panel of a million
  // cells makes no object per cell.
  const L = leaves.length;
  const scan: ScanSettings = {
    leafIndex: Int32Array.from(leaves, (n) => n.index),
    lowers: new Float64Array(L).fill(NaN),
    uppers: new Float64Array(L).fill(NaN),
    maxChanges: new Float64Array(L),
    // each unit's YoY by leaf (leaf l's k-th at l * U + k), and whose it is, for the outlier rule
    pcts: new Float64Array(L * U),
    who: new Int32Array(L * U),
    counts: new Int32Array(L),
    flags: new Uint8Array(L),
    previous: new Float64Array(L),
    U,
  };
  const isExpected = new Uint8Array(L);
  const expectedSet = new Set(expected);
  leaves.forEach((n, l) => {
    const { lower, upper } = inputRange(n);
    if (lower !== undefined) scan.lowers[l] = lower;
    if (upper !== undefined) scan.uppers[l] = upper;
    scan.maxChanges[l] = n.maxChange ?? fw.review.maxChange ?? 50;
    if (expectedSet.has(n)) isExpected[l] = 1;
  });
  const rowOf = new Int32Array(U).fill(-1);
  // units whose whole form repeats last year's: their zero changes are not compared with the others'
  const copied = new Uint8Array(U);
  const lastYear = sameLastYear(year, obs.frequency);
  const tally = new Int32Array(2);

  // the rules' switches, decided once rather than per cell
  const onMissing = on('missing');
  const onRange = on('out-of-range');
  const onJump = on('yoy-jump');
  const onUnchanged = on('unchanged');
  for (let ui = 0; ui < U; ui++) {
    const unit = units[ui]!;
    const row = ui < obs.units.length ? obs.row(ui, year) : -1;
    rowOf[ui] = row;
    if (row < 0) {
      // a unit without a row is a finding only in a collection round (--units names the expected units):
      // panel data often has units that enter later or skip a period
      if (onMissing && input.expectedUnits?.includes(unit)) {
        findings.push({ unit, period: year, node: '', rule: 'missing', level: level('missing'), value: null, detail: { whole: obs.findUnit(unit) === undefined ? 'absent' : 'no-row' } });
      }
      continue;
    }
    const prevRow = input.previous === undefined ? obs.row(ui, lastYear) : at(prevObs, unit, lastYear);
    if (scanRow(scan, obs.data, row, prevObs.data, prevRow, N, ui, tally)) {
      for (let l = 0; l < L; l++) {
        const f = scan.flags[l]!;
        if (f === 0) continue;
        const n = leaves[l]!;
        if (f & MISSING) {
          if (onMissing && isExpected[l] === 1) findings.push({ unit, period: year, node: n.id, rule: 'missing', level: level('missing'), value: null, ...src(row, n.index), detail: {} });
          continue;
        }
        const v = obs.value(row, n.index);
        if (f & OUT_OF_RANGE && onRange) {
          const lower = scan.lowers[l]!;
          const upper = scan.uppers[l]!;
          findings.push({ unit, period: year, node: n.id, rule: 'out-of-range', level: level('out-of-range'), value: v, ...src(row, n.index), detail: { ...(!Number.isNaN(lower) ? { lower } : {}), ...(!Number.isNaN(upper) ? { upper } : {}), kind: n.unit === '%' && n.lower === undefined && n.upper === undefined ? 'share' : lower === 0 && n.lower === undefined ? 'negative' : 'bounds' } });
        }
        if (f & JUMP && onJump) {
          const p = scan.previous[l]!;
          findings.push({ unit, period: year, node: n.id, rule: 'yoy-jump', level: level('yoy-jump'), value: v, previous: p, ...src(row, n.index), detail: { pct: (v / p - 1) * 100, max: scan.maxChanges[l]! } });
        }
      }
    }
    // A copied form: every indicator the same as the year before (at least two compared).
    const compared = tally[0]!;
    if (compared >= 2 && tally[1] === compared) {
      copied[ui] = 1;
      if (onUnchanged) findings.push({ unit, period: year, node: '', rule: 'unchanged', level: level('unchanged'), value: null, detail: { count: compared } });
    }
  }

  if (on('outlier')) {
    const threshold = fw.review.outlierZ ?? 3.5;
    const scratch = new Float64Array(U);
    for (let l = 0; l < L; l++) {
      const n = leaves[l]!;
      for (const o of outliers(scan, l, copied, scratch, threshold)) {
        const row = rowOf[o.unit]!;
        findings.push({ unit: units[o.unit]!, period: year, node: n.id, rule: 'outlier', level: level('outlier'), value: valueOf(obs, row, n.index), ...src(row, n.index), detail: { pct: o.pct, median: o.median, z: o.z, threshold } });
      }
    }
  }

  if (findings.length < 2) return findings;
  const unitOrder = new Map(units.map((u, i) => [u, i]));
  const nodeOrder = (id: string): number => (id === '' ? -1 : fw.byId.get(id) ?? N);
  return findings.sort((a, b) => (unitOrder.get(a.unit) ?? 0) - (unitOrder.get(b.unit) ?? 0) || nodeOrder(a.node) - nodeOrder(b.node) || RULES.indexOf(a.rule) - RULES.indexOf(b.rule));
}
