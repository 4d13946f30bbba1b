// Data review (数据审核): every submitted value checked before anything is
// computed. Rules: missing, yoy-jump, out-of-range, unchanged, outlier,
// conflict; each at a level (error, warning, off) that the framework and the
// command line may change. Pure: observations in, findings out.
import type { Observations } from '../core/observations.js';
import { median } from '../core/stats.js';
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
  // YoY of each unit, by leaf, for the outlier rule
  // (kept as parallel arrays per leaf: a panel of a million cells makes no object per cell)
  const yoy = new Map<number, { units: string[]; pcts: number[]; rows: number[] }>();
  const ranges = new Map(leaves.map((n) => [n.index, inputRange(n)]));
  const isExpected = new Set(expected.map((n) => n.index));
  // units whose whole form repeats last year's: their zero changes are not compared with the others'
  const copied = new Set<string>();

  // the rules' switches, decided once rather than per cell
  const onMissing = on('missing');
  const onRange = on('out-of-range');
  const onJump = on('yoy-jump');
  const onUnchanged = on('unchanged');
  for (const unit of units) {
    const row = at(obs, unit, year);
    if (row < 0) {
      // a unit without a row is a finding only in a collection round (--units names the expected units):
      // panel data often has units that enter later or skip a period
      if (onMissing && input.expectedUnits?.includes(unit)) {
        findings.push({ unit, period: year, node: '', rule: 'missing', level: level('missing'), value: null, detail: { whole: obs.findUnit(unit) === undefined ? 'absent' : 'no-row' } });
      }
      continue;
    }
    const prevRow = at(prevObs, unit, sameLastYear(year, obs.frequency));
    let compared = 0;
    let same = 0;
    for (const n of leaves) {
      const v = valueOf(obs, row, n.index);
      const p = valueOf(prevObs, prevRow, n.index);
      if (v === null) {
        if (onMissing && isExpected.has(n.index)) findings.push({ unit, period: year, node: n.id, rule: 'missing', level: level('missing'), value: null, ...src(row, n.index), detail: {} });
        continue;
      }
      if (onRange) {
        const { lower, upper } = ranges.get(n.index)!;
        if ((lower !== undefined && v < lower) || (upper !== undefined && v > upper)) {
          findings.push({ unit, period: year, node: n.id, rule: 'out-of-range', level: level('out-of-range'), value: v, ...src(row, n.index), detail: { ...(lower !== undefined ? { lower } : {}), ...(upper !== undefined ? { upper } : {}), kind: n.unit === '%' && n.lower === undefined && n.upper === undefined ? 'share' : lower === 0 && n.lower === undefined ? 'negative' : 'bounds' } });
        }
      }
      if (p === null) continue;
      compared++;
      if (p === v) same++;
      if (p !== 0) {
        const pct = (v / p - 1) * 100;
        const max = n.maxChange ?? fw.review.maxChange ?? 50;
        if (onJump && Math.abs(pct) > max) findings.push({ unit, period: year, node: n.id, rule: 'yoy-jump', level: level('yoy-jump'), value: v, previous: p, ...src(row, n.index), detail: { pct, max } });
        let list = yoy.get(n.index);
        if (list === undefined) yoy.set(n.index, (list = { units: [], pcts: [], rows: [] }));
        list.units.push(unit);
        list.pcts.push(pct);
        list.rows.push(row);
      }
    }
    // A copied form: every indicator the same as the year before (at least two compared).
    if (compared >= 2 && same === compared) {
      copied.add(unit);
      if (onUnchanged) findings.push({ unit, period: year, node: '', rule: 'unchanged', level: level('unchanged'), value: null, detail: { count: compared } });
    }
  }

  if (on('outlier')) {
    const threshold = fw.review.outlierZ ?? 3.5;
    for (const n of leaves) {
      const all = yoy.get(n.index);
      if (all === undefined) continue;
      const keep = copied.size === 0 ? undefined : all.units.map((u) => !copied.has(u));
      const pcts = keep === undefined ? all.pcts : all.pcts.filter((_, i) => keep[i]);
      // Iglewicz and Hoaglin's modified z-score: 0.6745 (x - median) / MAD; needs five units and a MAD above 0.
      if (pcts.length < 5) continue;
      const m = median(pcts);
      const mad = median(pcts.map((x) => Math.abs(x - m)));
      if (mad === 0) continue;
      for (let i = 0; i < all.pcts.length; i++) {
        if (keep !== undefined && !keep[i]) continue;
        const pct = all.pcts[i]!;
        const z = (0.6745 * (pct - m)) / mad;
        if (Math.abs(z) > threshold) findings.push({ unit: all.units[i]!, period: year, node: n.id, rule: 'outlier', level: level('outlier'), value: valueOf(obs, all.rows[i]!, n.index), ...src(all.rows[i]!, n.index), detail: { pct, median: m, z, threshold } });
      }
    }
  }

  const unitOrder = new Map(units.map((u, i) => [u, i]));
  const nodeOrder = (id: string): number => (id === '' ? -1 : fw.byId.get(id) ?? N);
  return findings.sort((a, b) => (unitOrder.get(a.unit) ?? 0) - (unitOrder.get(b.unit) ?? 0) || nodeOrder(a.node) - nodeOrder(b.node) || RULES.indexOf(a.rule) - RULES.indexOf(b.rule));
}
