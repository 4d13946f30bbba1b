// Data review (数据审核): every submitted value checked before anything is
// computed. Rules: missing, yoy-jump, out-of-range, unchanged, outlier,
// conflict; each at a level (error, warning, off) that the framework and the
// command line may change. Pure: observations in, findings out.
import type { Observations } from '../core/observations.js';
import { medianInPlace } from '../core/stats.js';
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
  // Per leaf, in typed arrays (a panel of a million cells makes no object per cell): the bounds
  // (NaN for none), the largest YoY change allowed, and each unit's YoY for the outlier rule.
  const L = leaves.length;
  const lowers = new Float64Array(L).fill(NaN);
  const uppers = new Float64Array(L).fill(NaN);
  const maxChanges = new Float64Array(L);
  const isExpected = new Uint8Array(L);
  const expectedSet = new Set(expected);
  leaves.forEach((n, l) => {
    const { lower, upper } = inputRange(n);
    if (lower !== undefined) lowers[l] = lower;
    if (upper !== undefined) uppers[l] = upper;
    maxChanges[l] = n.maxChange ?? fw.review.maxChange ?? 50;
    if (expectedSet.has(n)) isExpected[l] = 1;
  });
  const yoyPct = leaves.map(() => new Float64Array(units.length));
  const yoyUnit = leaves.map(() => new Int32Array(units.length));
  const yoyCount = new Int32Array(L);
  const rowOf = new Int32Array(units.length).fill(-1);
  // units whose whole form repeats last year's: their zero changes are not compared with the others'
  const copied = new Uint8Array(units.length);
  let anyCopied = false;
  const lastYear = sameLastYear(year, obs.frequency);
  const data = obs.data;

  // the rules' switches, decided once rather than per cell
  const onMissing = on('missing');
  const onRange = on('out-of-range');
  const onJump = on('yoy-jump');
  const onUnchanged = on('unchanged');
  for (let ui = 0; ui < units.length; ui++) {
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
    const prevData = prevObs.data;
    let compared = 0;
    let same = 0;
    for (let l = 0; l < L; l++) {
      const n = leaves[l]!;
      const v = data[row * N + n.index]!;
      if (Number.isNaN(v)) {
        if (onMissing && isExpected[l] === 1) findings.push({ unit, period: year, node: n.id, rule: 'missing', level: level('missing'), value: null, ...src(row, n.index), detail: {} });
        continue;
      }
      if (onRange) {
        const lower = lowers[l]!;
        const upper = uppers[l]!;
        if (v < lower || v > upper) {
          findings.push({ unit, period: year, node: n.id, rule: 'out-of-range', level: level('out-of-range'), value: v, ...src(row, n.index), detail: { ...(!Number.isNaN(lower) ? { lower } : {}), ...(!Number.isNaN(upper) ? { upper } : {}), kind: n.unit === '%' && n.lower === undefined && n.upper === undefined ? 'share' : lower === 0 && n.lower === undefined ? 'negative' : 'bounds' } });
        }
      }
      const p = prevRow < 0 ? NaN : prevData[prevRow * N + n.index]!;
      if (Number.isNaN(p)) continue;
      compared++;
      if (p === v) same++;
      if (p !== 0) {
        const pct = (v / p - 1) * 100;
        const max = maxChanges[l]!;
        if (onJump && Math.abs(pct) > max) findings.push({ unit, period: year, node: n.id, rule: 'yoy-jump', level: level('yoy-jump'), value: v, previous: p, ...src(row, n.index), detail: { pct, max } });
        const k = yoyCount[l]!++;
        yoyPct[l]![k] = pct;
        yoyUnit[l]![k] = ui;
      }
    }
    // A copied form: every indicator the same as the year before (at least two compared).
    if (compared >= 2 && same === compared) {
      copied[ui] = 1;
      anyCopied = true;
      if (onUnchanged) findings.push({ unit, period: year, node: '', rule: 'unchanged', level: level('unchanged'), value: null, detail: { count: compared } });
    }
  }

  if (on('outlier')) {
    const threshold = fw.review.outlierZ ?? 3.5;
    const scratch = new Float64Array(units.length);
    for (let l = 0; l < L; l++) {
      const n = leaves[l]!;
      const pcts = yoyPct[l]!;
      const who = yoyUnit[l]!;
      // the units compared: all with a change, less the copied forms
      let count = 0;
      for (let i = 0; i < yoyCount[l]!; i++) {
        if (anyCopied && copied[who[i]!] === 1) continue;
        pcts[count] = pcts[i]!;
        who[count++] = who[i]!;
      }
      // Iglewicz and Hoaglin's modified z-score: 0.6745 (x - median) / MAD; needs five units and a MAD above 0.
      if (count < 5) continue;
      const kept = pcts.subarray(0, count);
      const work = scratch.subarray(0, count);
      work.set(kept);
      const m = medianInPlace(work);
      for (let i = 0; i < count; i++) work[i] = Math.abs(kept[i]! - m);
      const mad = medianInPlace(work);
      if (mad === 0) continue;
      for (let i = 0; i < count; i++) {
        const pct = kept[i]!;
        const z = (0.6745 * (pct - m)) / mad;
        if (Math.abs(z) > threshold) {
          const row = rowOf[who[i]!]!;
          findings.push({ unit: units[who[i]!]!, period: year, node: n.id, rule: 'outlier', level: level('outlier'), value: valueOf(obs, row, n.index), ...src(row, n.index), detail: { pct, median: m, z, threshold } });
        }
      }
    }
  }

  const unitOrder = new Map(units.map((u, i) => [u, i]));
  const nodeOrder = (id: string): number => (id === '' ? -1 : fw.byId.get(id) ?? N);
  return findings.sort((a, b) => (unitOrder.get(a.unit) ?? 0) - (unitOrder.get(b.unit) ?? 0) || nodeOrder(a.node) - nodeOrder(b.node) || RULES.indexOf(a.rule) - RULES.indexOf(b.rule));
}
