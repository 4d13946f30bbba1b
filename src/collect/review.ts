// Data review (数据审核): every submitted value checked before anything is
// computed. Rules: missing, dropped, out-of-range, scale, totals, unchanged,
// conflict, yoy-jump, outlier; each at a level (error, warning, off) that the framework
// and the command line may change. Totals rows (aggregates) are reviewed for
// range and scale, but their gaps are notes and they stay out of the outlier
// pool. Pure: observations in, findings out.
import { findAggregates, indicatorsUsed, isTotalName, type SumMismatch } from '../core/aggregates.js';
import { unitWord } from '../core/unit-word.js';
import { sameValue, sameValues } from '../core/equal.js';
import type { Observations } from '../core/observations.js';
import { pairNames, renameArgument, renamePairs } from '../core/renamed.js';
import { medianInPlace } from '../stats.js';
import { unitScale } from '../framework/units.js';
import type { Framework, FrameworkNode, ReviewLevel, ReviewRule } from '../framework/types.js';
import type { Warning } from '../core/types.js';
import { inputRange } from './form.js';
import type { Conflict } from './merge.js';
import { formatPeriod, previousPeriod, sameLastYear, subAnnual } from '../time/period.js';

/** One finding: a value a rule flags, where it is and why. */
export interface Finding {
  unit: string;
  /** The period reviewed (its key: the year itself for annual data). */
  period: number;
  /** The node id; '' for a finding about a whole unit. */
  node: string;
  rule: ReviewRule;
  /** 'note': what smei says of a totals row's gaps (never stops compute). */
  level: 'error' | 'warning' | 'note';
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
  missing: 'error', dropped: 'warning', renamed: 'error', 'out-of-range': 'error', scale: 'error', totals: 'error', unchanged: 'error', conflict: 'error', 'yoy-jump': 'warning', outlier: 'warning',
};

/** The rules in the order findings list them. */
export const RULES: ReviewRule[] = ['conflict', 'missing', 'renamed', 'dropped', 'out-of-range', 'scale', 'totals', 'unchanged', 'yoy-jump', 'outlier'];

/** A value this many times its reference (or a tenth of it) is a slip of scale. */
export const SCALE_FACTOR = 10;

/**
 * Against the other units (no value a year earlier), units legitimately differ
 * in size by ten, a hundred, even a thousand times (COINr's ASEM countries do),
 * so only a slip the indicator's unit names is flagged there: about 10,000
 * times or a 10,000th for a unit in 万 or 亿, about a hundredth for a share in
 * % typed as a fraction (at most 1).
 */
function namedSlip(ratio: number, v: number, n: FrameworkNode): boolean {
  const slip = scaleSlip(ratio, n);
  return slip === 'wan-yi' || (slip === 'fraction' && v <= 1);
}

/**
 * The totals rows among the units, as compute finds them (core/aggregates.ts):
 * the framework's aggregates, names such as 合计 and 全市, units whose counts
 * are the sums of the others' (unless auto is false), and the names given;
 * and the periods where a totals row does not sum although it sums in most
 * others (the `totals` rule). Both go into reviewAll's input as they are.
 */
export function aggregateUnits(obs: Observations, fw: Framework, given: readonly string[] = [], auto = true): { aggregates: Set<string>; sums: SumMismatch[] } {
  const { aggregate, mismatches } = findAggregates(obs, fw, { autoAggregate: auto, aggregateUnits: [...given] });
  return { aggregates: new Set(obs.units.filter((_, u) => aggregate[u])), sums: mismatches };
}

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
  /** Totals rows: exempt from `missing` (a note instead) and `dropped`, and out of the outlier pool. */
  aggregates?: ReadonlySet<string>;
  /** Where a totals row does not sum although it sums in most periods (aggregateUnits finds them): the `totals` rule. */
  sums?: readonly SumMismatch[];
  /** The run divides leaves by their denominators (--denominate): a leaf given without its denominator (or with 0) is `missing`. */
  denominate?: boolean;
  /** A period before the latest reviewed (reviewAll): its gaps (`missing`) are warnings, not errors. */
  history?: boolean;
  /**
   * The `dropped` rule: the period before this one in the data. A unit (not a totals row) with a
   * row then and none now is a finding. reviewAll sets it for the latest period it reviews only.
   */
  before?: number;
  /** Room for the YoY pools, handed from period to period by reviewAll (a panel's periods: fresh memory each). */
  pool?: { pcts: Float64Array; who: Int32Array };
}

/** Rules whose sentences name the other units (其他N个地区的中位数, 该地区没有…): given the data's word for them. */
const WORDED_RULES = new Set<ReviewRule>(['scale', 'totals', 'outlier', 'missing', 'renamed']);

/** What scanRow flags in a leaf's cell. */
const MISSING = 1;
const OUT_OF_RANGE = 2;
const JUMP = 4;
const SCALE = 8;

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
  /** Out: what each leaf's cell in the row scanned has (MISSING, OUT_OF_RANGE, JUMP, SCALE), and the year before's value. */
  flags: Uint8Array;
  previous: Float64Array;
  /** How many of each leaf's values have no value a year earlier (they are compared with the other units instead). */
  noPrevious: Int32Array;
  U: number;
}

/**
 * Checks one unit's row against its bounds and the year before, cell by
 * cell (the hot loop, kept apart so that V8 optimises it alone): flags each
 * leaf, adds each YoY to its leaf's pool, and puts in tally the number of
 * values compared with the year before and how many are unchanged. True when
 * any leaf is flagged.
 */
function scanRow(s: ScanSettings, data: Float64Array, row: number, prevData: Float64Array, prevRow: number, N: number, unit: number, pool: boolean, tally: Int32Array): boolean {
  const { leafIndex, lowers, uppers, maxChanges, pcts, who, counts, flags, previous, noPrevious, U } = s;
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
      if (Number.isNaN(p)) {
        noPrevious[l]!++;
      } else if (p < lowers[l]! || p > uppers[l]!) {
        // the year before is out of its own range (a share typed 12.6 in a % cell, read as 1260): its period's
        // finding names it, and this period's value is not judged against it (the county trial: the right 2020
        // cell was called a fraction, 9.7应为970)
      } else {
        compared++;
        if (sameValue(p, v)) same++; // one comparison, one tolerance (core/equal.ts): 3.5% read from a workbook equals a typed 3.5
        if (p > 0 && v > 0 && (v >= SCALE_FACTOR * p || v * SCALE_FACTOR <= p)) {
          // a slip of scale: an error of its own, not a jump, and kept out of the outlier pool
          f |= SCALE;
          previous[l] = p;
        } else if (p !== 0) {
          const pct = (v / p - 1) * 100;
          if (Math.abs(pct) > maxChanges[l]!) {
            f |= JUMP;
            previous[l] = p;
          }
          if (pool) {
            const k = l * U + counts[l]!++;
            pcts[k] = pct;
            who[k] = unit;
          }
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

/** The least median absolute deviation of YoY changes the outlier rule divides by, in percentage points. */
const MAD_FLOOR = 1;

/**
 * The outliers among a leaf's YoY changes (copied forms left out):
 * Iglewicz and Hoaglin's modified z-score, 0.6745 (x - median) / MAD, above
 * the threshold; needs five units; a MAD under one percentage point counts
 * as one. In the pool's order.
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
  // changes that close together (five counties each growing 0.2-0.5 %) made any small difference look extreme
  // (0.3 points from the median was z = 39): a spread under MAD_FLOOR points counts as MAD_FLOOR
  const mad = Math.max(medianInPlace(work), MAD_FLOOR);
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
  const hasData = (n: FrameworkNode): boolean => obs.nodeHasData[n.index] === true || (input.previous?.nodeHasData[n.index] ?? false);
  const expected = leaves.filter((n) => n.required && hasData(n));
  const findings: Finding[] = [];
  const aggregates = input.aggregates ?? new Set<string>();
  const valueOf = (o: Observations, row: number, n: number): number | null => {
    if (row < 0) return null;
    const v = o.value(row, n);
    return Number.isNaN(v) ? null : v;
  };
  // the unit a node's values were typed in where the reader converted them (万元 for 亿元): its slips are named, and
  // its values quoted, as typed (a clerk who typed 315109.3 万元 does not know the 31.51093 亿元 it was read as)
  const typedIn = (n: number): { typed?: string } => (obs.convertedFrom[n] ? { typed: obs.convertedFrom[n]! } : {});
  const src = (row: number, n: number): { source?: string } => {
    const s = row < 0 ? undefined : obs.source?.(row * N + n);
    return s === undefined ? {} : { source: s };
  };

  if (on('conflict')) {
    for (const c of input.conflicts ?? []) {
      if (c.year !== year) continue;
      findings.push({ unit: c.unit, period: c.year, node: c.denominator ?? fw.nodes[c.node]!.id, rule: 'conflict', level: level('conflict'), value: c.second.value, source: c.second.where, detail: { first: c.first.value, firstSource: c.first.where } });
    }
  }

  if (on('totals')) {
    // a totals row that does not sum in this period although it does in most (core/aggregates.ts)
    for (const m of input.sums ?? []) {
      if (m.period !== year) continue;
      const u = obs.findUnit(m.unit);
      const row = u === undefined ? -1 : obs.row(u, year);
      const node = fw.byId.get(m.node)!;
      findings.push({ unit: m.unit, period: year, node: m.node, rule: 'totals', level: level('totals'), value: m.value, ...src(row, node), detail: { sum: m.sum, others: m.others, held: m.held.join(','), run: isRun(obs.years(), m.held) ? 1 : 0 } });
    }
  }

  const units = [...obs.units];
  for (const unit of input.expectedUnits ?? []) if (!units.includes(unit)) units.push(unit);
  // --previous's units of the period before that this round lacks: dropped, or renamed (below)
  const prev = input.previous;
  if (prev !== undefined && input.before !== undefined) {
    const listed = new Set(units);
    for (let pu = 0; pu < prev.units.length; pu++) if (prev.row(pu, input.before) >= 0 && !listed.has(prev.units[pu]!)) units.push(prev.units[pu]!);
  }
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
    pcts: input.pool !== undefined && input.pool.pcts.length >= L * U ? input.pool.pcts : new Float64Array(L * U),
    who: input.pool !== undefined && input.pool.who.length >= L * U ? input.pool.who : new Int32Array(L * U),
    counts: new Int32Array(L),
    flags: new Uint8Array(L),
    previous: new Float64Array(L),
    noPrevious: new Int32Array(L),
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
  // each unit's row a year earlier, and in which data (0: the data itself, 1: --previous)
  const prevRowOf = new Int32Array(U).fill(-1);
  const prevIn = new Uint8Array(U);
  const isAggregate = Uint8Array.from(units, (u) => (aggregates.has(u) ? 1 : 0));
  // units whose whole form repeats last year's: their zero changes are not compared with the others'
  const copied = new Uint8Array(U);
  const freq = obs.frequency;
  const lastYear = sameLastYear(year, freq);
  // sub-annual data: the period before too (a quarter's is the quarter before; cumulative spans have none)
  const lastPeriod = subAnnual(freq) ? previousPeriod(year, freq) : undefined;
  const tally = new Int32Array(2);

  // the rules' switches, decided once rather than per cell
  // a gap in an earlier period than the round's (the published history's 暂缺) is a warning: the round can go on,
  // and its own period stays strict
  const history = input.history === true && level('missing') === 'error';
  const onMissing = on('missing') && !(history && input.only === 'error');
  const missingLevel: 'error' | 'warning' = history ? 'warning' : level('missing');
  const onRange = on('out-of-range');
  const onJump = on('yoy-jump');
  const onOutlier = on('outlier');
  const onScale = on('scale');
  const onUnchanged = on('unchanged');
  const onDropped = on('dropped') && input.before !== undefined;
  // a unit without data now whose data ended in the period before, while a unit with a name like it starts now
  // (德清 for 德清县, 龙南市 for 龙南县): one unit under two names, which would drop out of the ranking
  const renamedTo = renamedUnits(obs, year, input, aggregates, on('renamed'));
  const dividers = input.denominate ? fw.denominators.map((d) => ({ id: d.id, unit: d.unit, of: leaves.filter((n) => n.denominator === d.id) })).filter((x) => x.of.length > 0) : [];
  // the file a unit's row came from (the first of its cells that the data places)
  const fileOf = (row: number): { source?: string } => {
    for (let n = 0; n < N; n++) {
      if (Number.isNaN(obs.data[row * N + n]!)) continue;
      const s = obs.source?.(row * N + n);
      if (s !== undefined) return { source: sourceFile(s) };
    }
    return {};
  };
  /** Where a unit's row for a period is: in the data itself, else in --previous (row -1 where neither has it). */
  const rowAt = (ui: number, unit: string, key: number): { obs: Observations; row: number } => {
    const row = ui < obs.units.length ? obs.row(ui, key) : -1;
    if (row >= 0 || input.previous === undefined) return { obs, row };
    const pu = input.previous.findUnit(unit);
    return { obs: input.previous, row: pu === undefined ? -1 : input.previous.row(pu, key) };
  };
  // a totals row's gaps are a note, said whenever the missing rule is not off (compute says it too, so not with `only`)
  const noteGaps = levels.missing !== 'off' && input.only === undefined;
  for (let ui = 0; ui < U; ui++) {
    const unit = units[ui]!;
    const row = ui < obs.units.length ? obs.row(ui, year) : -1;
    rowOf[ui] = row;
    if (row < 0) {
      // a unit without a row is a finding only in a collection round (--units names the expected units):
      // panel data often has units that enter later or skip a period
      const renamed = renamedTo.get(unit);
      if (renamed !== undefined) {
        // (the file the new name came in)
        const now = renamed.to;
        const last = latestBefore(unit, year, obs, prev);
        // where the new name's data begins, when before this period (a rename earlier in the data)
        const nu = obs.findUnit(now)!;
        const first = obs.years().find((k) => obs.row(nu, k) >= 0)!;
        findings.push({ unit, period: year, node: '', rule: 'renamed', level: level('renamed'), value: null, ...fileOf(obs.row(nu, year)), detail: { ...(last !== undefined ? { last } : {}), to: now, rename: renamed.rename, ...(first < year ? { first } : {}), ...(renamed.once ? { once: 1 } : {}) } });
      } else if (onMissing && input.expectedUnits?.includes(unit)) {
        findings.push({ unit, period: year, node: '', rule: 'missing', level: level('missing'), value: null, detail: { whole: obs.findUnit(unit) === undefined ? 'absent' : 'no-row' } });
      } else if (onDropped && !isAggregate[ui]) {
        // in the data (or --previous) the period before, not in this one: a form of the wrong period returned, or none
        const then = rowAt(ui, unit, input.before!);
        if (then.row >= 0) findings.push({ unit, period: year, node: '', rule: 'dropped', level: level('dropped'), value: null, ...(then.obs === obs ? fileOf(then.row) : {}), detail: { last: input.before! } });
      }
      continue;
    }
    // A denominator (--denominate) is reviewed as the values it divides: it must be there where a leaf it divides
    // is given (missing), positive (out-of-range), and not 10 times or a tenth of a year earlier (scale: 万元 for 亿元)
    for (const { id, of, unit: dUnit } of dividers) {
      const given = of.filter((n) => !Number.isNaN(obs.value(row, n.index)));
      const d = obs.aux.get(id)?.get(row) ?? NaN;
      if (given.length > 0 && (Number.isNaN(d) || d === 0)) {
        // (only where a leaf it divides is required: a leaf that may be missing may be left undefined by it too)
        if (onMissing && given.some((n) => n.required)) findings.push({ unit, period: year, node: given[0]!.id, rule: 'missing', level: missingLevel, value: d === 0 ? 0 : null, ...fileOf(row), detail: { denominator: id, of: given.map((n) => n.id).join(',') } });
        continue;
      }
      if (Number.isNaN(d)) continue;
      if (d < 0) {
        if (onRange) findings.push({ unit, period: year, node: id, rule: 'out-of-range', level: level('out-of-range'), value: d, ...fileOf(row), detail: { kind: 'positive' } });
        continue;
      }
      const then = rowAt(ui, unit, lastYear);
      const before = then.row < 0 ? undefined : then.obs.aux.get(id)?.get(then.row);
      if (onScale && before !== undefined && before > 0 && d > 0 && (d / before >= 10 || d / before <= 0.1)) {
        findings.push({ unit, period: year, node: id, rule: 'scale', level: level('scale'), value: d, previous: before, ...fileOf(row), detail: { ratio: d / before, against: 'previous', slip: scaleSlip(d / before, { unit: dUnit } as FrameworkNode) } });
      }
    }
    // the year before: in the data itself, else in --previous
    const yearBefore = rowAt(ui, unit, lastYear);
    const prevData = yearBefore.obs.data;
    const prevRow = yearBefore.row;
    if (yearBefore.obs !== obs) prevIn[ui] = 1;
    prevRowOf[ui] = prevRow;
    const agg = isAggregate[ui] === 1;
    if (scanRow(scan, obs.data, row, prevData, prevRow, N, ui, !agg && onOutlier, tally)) {
      const gaps: string[] = [];
      // a month's values about m times the same month a year earlier, in month m: the 1-m月 year-to-date figures typed
      // for the month's own; held here, then one finding for the row where most of its indicators are so
      const ytdCells: Finding[] = [];
      const month = obs.frequency === 'month' ? year % 100 : 0;
      for (let l = 0; l < L; l++) {
        const f = scan.flags[l]!;
        if (f === 0) continue;
        const n = leaves[l]!;
        if (f & MISSING) {
          if (isExpected[l] !== 1) continue;
          if (agg) gaps.push(n.id);
          else if (onMissing) findings.push({ unit, period: year, node: n.id, rule: 'missing', level: missingLevel, value: null, ...src(row, n.index), detail: {} });
          continue;
        }
        const v = obs.value(row, n.index);
        if (f & OUT_OF_RANGE && onRange) {
          const lower = scan.lowers[l]!;
          const upper = scan.uppers[l]!;
          findings.push({ unit, period: year, node: n.id, rule: 'out-of-range', level: level('out-of-range'), value: v, ...src(row, n.index), detail: { ...(!Number.isNaN(lower) ? { lower } : {}), ...(!Number.isNaN(upper) ? { upper } : {}), kind: n.unit === '%' && n.min === undefined && n.max === undefined ? 'share' : lower === 0 && n.min === undefined ? 'negative' : 'bounds' } });
        }
        // (the monthly trial: 象山县's 累计 among 当月 returns, ranked 1st at +178%)
        const p = scan.previous[l]!;
        const ytd = (f & (JUMP | SCALE)) !== 0 && month >= 2 && v / p >= 0.75 * month && v / p <= 1.33 * month;
        if (f & SCALE) {
          const scale: Finding = { unit, period: year, node: n.id, rule: 'scale', level: level('scale'), value: v, previous: p, ...src(row, n.index), detail: { ratio: v / p, against: 'previous', slip: scaleSlip(v / p, n), ...typedIn(n.index) } };
          if (ytd) ytdCells.push(scale);
          else if (onScale) findings.push(scale);
        }
        if (f & JUMP) {
          const jump: Finding = { unit, period: year, node: n.id, rule: 'yoy-jump', level: level('yoy-jump'), value: v, previous: p, ...src(row, n.index), detail: { pct: (v / p - 1) * 100, max: scan.maxChanges[l]!, ...(ytd ? { ytd: month } : {}) } };
          if (ytd) ytdCells.push(jump);
          else if (onJump) findings.push(jump);
        }
      }
      // two or more of the row's indicators so (a form's flows, 营业收入 and 新设企业数, typed 1-9月 for 9月 while its
      // stocks and scores stay: the industry trial ranked 租赁和商务服务业 1st), or in February (whose 1.5-2.7 times
      // holds the swings of the Spring Festival) half of those compared: the row is year-to-date, a slip of the form
      if (ytdCells.length >= 2 && (month >= 3 || ytdCells.length * 2 >= tally[0]!)) {
        if (onScale) findings.push({ unit, period: year, node: '', rule: 'scale', level: level('scale'), value: null, ...fileOf(row), detail: { against: 'ytd', month, count: ytdCells.length, compared: tally[0]! } });
        // (its changes are not compared with the other units' either, as a copied form's are not)
        copied[ui] = 1;
      } else {
        for (const c of ytdCells) if (c.rule === 'scale' ? onScale : onJump) findings.push(c);
      }
      if (gaps.length > 0 && noteGaps) {
        // how many of the data's indicators the totals row's composite rests on, counted as the report's headline counts them
        const { used, of } = indicatorsUsed(fw, obs.nodeHasData, (n) => !Number.isNaN(obs.value(row, n)));
        findings.push({ unit, period: year, node: '', rule: 'missing', level: 'note', value: null, detail: { aggregate: gaps.join(','), used, indicators: of } });
      }
    }
    // A copied form: every indicator the same as the period before (sub-annual data: last quarter's form
    // returned again, the commonest slip of a quarterly round) or as the same period a year earlier (at least
    // two compared). The period before first: a form that equals both is last period's, sent again.
    let stale = 0;
    if (lastPeriod !== undefined) {
      const before = rowAt(ui, unit, lastPeriod);
      if (before.row >= 0) stale = sameValues(obs.data, row, before.obs.data, before.row, N, scan.leafIndex);
    }
    const compared = tally[0]!;
    if (stale >= 2) {
      copied[ui] = 1;
      if (onUnchanged) findings.push({ unit, period: year, node: '', rule: 'unchanged', level: level('unchanged'), value: null, ...fileOf(row), detail: { count: stale, against: formatPeriod(lastPeriod!, freq), equals: 'previous-period' } });
    } else if (compared >= 2 && tally[1] === compared) {
      copied[ui] = 1;
      // annual data: the year before is the period before, and the detail stays { count } as it always was
      const against: Record<string, string> = freq === 'year' ? {} : { against: formatPeriod(lastYear, freq), equals: 'same-period-last-year' };
      if (onUnchanged) findings.push({ unit, period: year, node: '', rule: 'unchanged', level: level('unchanged'), value: null, ...fileOf(row), detail: { count: compared, ...against } });
    }
  }

  // Slips of scale where a cell has no value a year earlier: against the median of the other
  // (ranked) units of the period, when the value also stands apart from every one of them.
  const scaleFlagged = new Uint8Array(L * U);
  for (const f of findings) if (f.rule === 'scale') scaleFlagged[leaves.findIndex((n) => n.id === f.node) * U + units.indexOf(f.unit)] = 1;
  if (onScale) {
    const sorted = new Float64Array(U);
    const valueAt = (ui: number, n: number): number => (rowOf[ui]! < 0 ? NaN : obs.data[rowOf[ui]! * N + n]!);
    const hadPrevious = (ui: number, n: number): boolean => prevRowOf[ui]! >= 0 && !Number.isNaN((prevIn[ui] === 1 ? input.previous!.data : obs.data)[prevRowOf[ui]! * N + n]!);
    for (let l = 0; l < L; l++) {
      // only leaves with a value that has no year before (most periods have none: the loop reads no cell then)
      if (scan.noPrevious[l] === 0) continue;
      const n = leaves[l]!;
      // and only leaves whose unit can name a slip (万, 亿, %)
      if (!/[万亿]/.test(n.unit) && n.unit !== '%') continue;
      // the ranked units' positive values of the period, sorted once per leaf
      let count = 0;
      for (let uj = 0; uj < U; uj++) {
        const w = valueAt(uj, n.index);
        if (isAggregate[uj] !== 1 && w > 0) sorted[count++] = w;
      }
      sorted.subarray(0, count).sort();
      for (let ui = 0; ui < U; ui++) {
        const v = valueAt(ui, n.index);
        if (!(v > 0) || hadPrevious(ui, n.index)) continue;
        const k = l * U + ui;
        // the median of the others: the sorted values without this unit's own (a totals row's is not among them)
        const own = isAggregate[ui] === 1 ? -1 : lowerBound(sorted, count, v);
        const others = own < 0 ? count : count - 1;
        // a median of fewer than three units says little
        if (others < 3) continue;
        const at = (j: number): number => sorted[own >= 0 && j >= own ? j + 1 : j]!;
        const median = others % 2 === 1 ? at((others - 1) / 2) : (at(others / 2 - 1) + at(others / 2)) / 2;
        const ratio = v / median;
        // a totals row is many times its parts: only a value far below them is a slip
        const above = isAggregate[ui] !== 1 && ratio >= SCALE_FACTOR && namedSlip(ratio, v, n);
        const below = ratio * SCALE_FACTOR <= 1 && namedSlip(ratio, v, n);
        if (!above && !below) continue;
        scaleFlagged[k] = 1;
        const row = rowOf[ui]!;
        findings.push({ unit: units[ui]!, period: year, node: n.id, rule: 'scale', level: level('scale'), value: v, ...src(row, n.index), detail: { ratio, against: 'median', median, units: others, slip: scaleSlip(ratio, n), ...typedIn(n.index) } });
      }
    }
  }

  // A whole column in another unit than it is read in (就业人员 typed in 人 under a header without a unit, read
  // in the framework's 万人): every unit is off alike, so neither the year before nor the others' median shows it.
  // Its average per firm does: 6 万 people or 59亿元 of revenue per small or micro firm is no such firm.
  // (said once, in the latest period: a column typed in one unit throughout is off in every period alike)
  const years = obs.years();
  if (onScale && year === years[years.length - 1]) {
    for (const c of perFirmChecks(leaves)) {
      const perFirm: number[] = [];
      for (let ui = 0; ui < U; ui++) {
        const row = rowOf[ui]!;
        if (row < 0 || isAggregate[ui] === 1) continue;
        const firms = obs.data[row * N + c.firms.index]!;
        const v = obs.data[row * N + c.node.index]!;
        if (firms > 0 && v > 0) perFirm.push((v * 10 ** c.exp) / firms);
      }
      if (perFirm.length === 0) continue;
      const median = medianInPlace(Float64Array.from(perFirm));
      if (median <= c.max) continue;
      findings.push({ unit: '', period: year, node: c.node.id, rule: 'scale', level: level('scale'), value: null, detail: { against: 'per-firm', perFirm: median, base: c.base, firms: c.firms.id, units: perFirm.length, smaller: c.smaller } });
    }
  }

  if (onOutlier) {
    const threshold = fw.review.outlierZ ?? 3.5;
    const scratch = new Float64Array(U);
    for (let l = 0; l < L; l++) {
      const n = leaves[l]!;
      for (const o of outliers(scan, l, copied, scratch, threshold)) {
        // one finding per cause: a slip of scale, or a change the yoy-jump rule already names
        if (scaleFlagged[l * U + o.unit] === 1 || findings.some((f) => f.rule === 'yoy-jump' && f.node === n.id && f.unit === units[o.unit])) continue;
        const row = rowOf[o.unit]!;
        findings.push({ unit: units[o.unit]!, period: year, node: n.id, rule: 'outlier', level: level('outlier'), value: valueOf(obs, row, n.index), ...src(row, n.index), detail: { pct: o.pct, median: o.median, z: o.z, threshold } });
      }
    }
  }

  // the sentences that speak of the other units call them what the data does (其他7个行业的中位数)
  const word = unitWord(obs.unitHeader);
  if (word !== '地区') for (const f of findings) if (WORDED_RULES.has(f.rule)) f.detail.word = word;
  if (findings.length < 2) return findings;
  // in --units order where given (the round's list, not the order the returns' files were read in), then as read
  const unitOrder = new Map([...new Set([...(input.expectedUnits ?? []), ...units])].map((u, i) => [u, i]));
  const nodeOrder = (id: string): number => (id === '' ? -1 : fw.byId.get(id) ?? N);
  return findings.sort((a, b) => (unitOrder.get(a.unit) ?? 0) - (unitOrder.get(b.unit) ?? 0) || nodeOrder(a.node) - nodeOrder(b.node) || RULES.indexOf(a.rule) - RULES.indexOf(b.rule));
}

/**
 * The indicators whose average per small or micro firm can be judged: revenue (营业收入, in a unit of 元),
 * public funding (政策资金, 扶持资金) and employment (就业人员, 从业人员, in 人 or 万人), each over the
 * framework's count of firms (企业总数, in 家 or 户). The bound is ten times what the national standard allows its largest firms (a medium industrial firm:
 * 1,000 employees, 4亿元 of revenue), so no region's average of small and micro firms comes near it; a column
 * 10^4 off (人 read as 万人, 万元 as 亿元) goes far beyond it. `exp` takes a value to 元 or 人.
 */
function perFirmChecks(leaves: FrameworkNode[]): { node: FrameworkNode; firms: FrameworkNode; exp: number; base: string; max: number; smaller: string }[] {
  const firms = leaves.find((n) => /^(家|户|个)$/.test(n.unit) && /企业(总)?数|企业数量/.test(n.zh));
  if (firms === undefined) return [];
  const out: { node: FrameworkNode; firms: FrameworkNode; exp: number; base: string; max: number; smaller: string }[] = [];
  for (const n of leaves) {
    if (/营业收入/.test(n.zh)) {
      const exp = unitScale(n.unit, '元');
      if (exp !== undefined && exp >= 4) out.push({ node: n, firms, exp, base: '元', max: 4e9, smaller: exp === 8 ? '万元' : '元' });
    } else if (/扶持资金|政策资金|资金扶持|补助资金|财政资金/.test(n.zh)) {
      // public money for small firms comes to thousands of yuan a firm (Zhejiang: about 4,000); ten million is none
      const exp = unitScale(n.unit, '元');
      if (exp !== undefined && exp >= 4) out.push({ node: n, firms, exp, base: '元', max: 1e7, smaller: exp === 8 ? '万元' : '元' });
    } else if (/就业人员|从业人员|从业人数|就业人数/.test(n.zh)) {
      const exp = unitScale(n.unit, '人');
      if (exp !== undefined && exp >= 4) out.push({ node: n, firms, exp, base: '人', max: 1e4, smaller: '人' });
    }
  }
  return out;
}

/** The first index of `v` among the first `count` sorted values (v is there). */
function lowerBound(sorted: Float64Array, count: number, v: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The likely slip behind a value `ratio` times its reference: 'wan-yi' (万 for
 * 亿 or the reverse: about 10,000 times, a unit in 万 or 亿), 'fraction' (a
 * share typed as a fraction: about a hundredth, a unit of %), 'zero' (a
 * missing or extra zero, or a decimal point moved: about ten times), or
 * 'power' (another power of ten).
 */
export function scaleSlip(ratio: number, n: FrameworkNode): 'wan-yi' | 'fraction' | 'percent' | 'thousand' | 'zero' | 'power' {
  const k = Math.round(Math.log10(ratio));
  // a ratio more than twice off a power of ten (2,108 times: a totals row summing one slipped part) names no one slip
  const near = Math.abs(Math.log10(ratio) - k) <= Math.log10(2);
  if (Math.abs(k) === 4 && /[万亿]/.test(n.unit)) return 'wan-yi';
  if (k === -2 && n.unit === '%') return 'fraction';
  if (k === 2 && n.unit === '%' && near) return 'percent';
  if (Math.abs(k) === 3 && near) return 'thousand';
  if (Math.abs(k) === 1) return 'zero';
  return 'power';
}

/** The periods a review looks at, latest first: `only` alone, or every period of the data. */
export function reviewPeriods(obs: Observations, only?: number): number[] {
  return only !== undefined ? [only] : [...obs.years()].reverse();
}

/** A unit this round lacks under a name another unit has now: the other name, and the --rename that joins them. */
interface RenamedTo {
  to: string;
  rename: string;
  /** The other name has data in this period only, while this unit's series goes on after it: a name mistyped once. */
  once?: boolean;
}

/**
 * Units this round lacks that look renamed (德清 for 德清县, 龙南市 for 龙南县):
 * old names with a row the period before (in the data or --previous) or that
 * --units expects, and none now; new names with a row now and none before (in
 * the data or --previous) that --units does not list; paired one to one, or
 * by the longest shared beginning of their names (core/renamed.ts). A totals
 * row is paired only with a totals row (全省 one year, 合计 the next: the
 * headline's figure would go). In a period of history, only a name that
 * fills a gap in another's series (批发零售业 in 2023 alone, 批发和零售业
 * before and after it) is one: a rename in history is the latest period's
 * finding. Old name to new.
 */
function renamedUnits(obs: Observations, year: number, input: ReviewInput, aggregates: ReadonlySet<string>, on: boolean): Map<string, RenamedTo> {
  const out = new Map<string, RenamedTo>();
  if (!on) return out;
  const prev = input.previous;
  const has = (name: string, key: number): boolean => {
    for (const o of [obs, prev]) {
      const u = o?.findUnit(name);
      if (o !== undefined && u !== undefined && o.row(u, key) >= 0) return true;
    }
    return false;
  };
  const periods = [...new Set([...obs.years(), ...(prev?.years() ?? [])])].sort((a, b) => a - b);
  const plain = (name: string): boolean => !isTotalName(name) && !aggregates.has(name);
  if (input.history === true) {
    // a name with data in this period alone, inside another's gap: that name mistyped once
    const lacking = obs.units.filter((name) => !has(name, year) && periods.some((k) => k < year && has(name, k)) && periods.some((k) => k > year && has(name, k)));
    const once = obs.units.filter((name) => has(name, year) && periods.every((k) => k === year || !has(name, k)));
    for (const [o, n] of pairNames(lacking.filter(plain), once.filter(plain))) if (o[0] === n[0]) out.set(o, { to: n, rename: `${n}=${o}`, once: true });
    return out;
  }
  const now = (name: string): boolean => {
    const u = obs.findUnit(name);
    return u !== undefined && obs.row(u, year) >= 0;
  };
  const olds = new Set<string>();
  if (input.before !== undefined) {
    obs.units.forEach((name, u) => {
      if (obs.row(u, input.before!) >= 0 && obs.row(u, year) < 0) olds.add(name);
    });
    prev?.units.forEach((name, u) => {
      if (prev.row(u, input.before!) >= 0 && !now(name)) olds.add(name);
    });
  }
  for (const name of input.expectedUnits ?? []) if (!now(name)) olds.add(name);
  const earlier = obs.years().filter((k) => k < year);
  const expected = new Set(input.expectedUnits ?? []);
  const news = obs.units.filter((name, u) => obs.row(u, year) >= 0 && earlier.every((k) => obs.row(u, k) < 0) && prev?.findUnit(name) === undefined && !expected.has(name));
  // (names that share no first character are two units, however the counts fall)
  for (const [o, n] of pairNames([...olds].filter(plain), news.filter(plain))) if (o[0] === n[0]) out.set(o, { to: n, rename: renameArgument(o, n) });
  // the totals row under another name this period (全省, then 合计): the established name is kept
  const oldTotals = [...olds].filter((name) => !plain(name));
  const newTotals = news.filter((name) => !plain(name));
  if (oldTotals.length === 1 && newTotals.length === 1) out.set(oldTotals[0]!, { to: newTotals[0]!, rename: `${newTotals[0]}=${oldTotals[0]}` });
  // a rename earlier in the data (洞头县 to 2023, 洞头区 since): the new name, reported now, has no base or
  // history of its own, so under fixed-base it drops out of the ranking; the pair is named as well
  for (const p of renamePairs(obs)) {
    const [o, n] = [obs.units[p.old]!, obs.units[p.now]!];
    if (obs.row(p.now, year) >= 0 && obs.row(p.old, year) < 0 && !out.has(o) && plain(o) && plain(n)) out.set(o, { to: n, rename: renameArgument(o, n) });
  }
  return out;
}

/** A unit's latest period before `year` in the data or --previous, or undefined. */
function latestBefore(unit: string, year: number, obs: Observations, prev: Observations | undefined): number | undefined {
  let last: number | undefined;
  for (const o of [obs, prev]) {
    const u = o?.findUnit(unit);
    if (o === undefined || u === undefined) continue;
    for (const k of o.years()) if (k < year && o.row(u, k) >= 0 && (last === undefined || k > last)) last = k;
  }
  return last;
}

/**
 * Reviews every period (or those given), in the order given (latest first
 * unless told); findings grouped by period. The round's own checks, the
 * units --units expects and units dropped since the period before, are the
 * latest reviewed period's: a panel's earlier periods are not a round, and
 * units that enter and leave a panel over the years are not findings.
 */
export function reviewAll(obs: Observations, fw: Framework, input: Omit<ReviewInput, 'year' | 'before'> & { periods?: number[]; historyOnly?: 'error' }): Finding[] {
  const periods = input.periods ?? reviewPeriods(obs);
  const latest = Math.max(...periods);
  const years = obs.years();
  const at = years.indexOf(latest);
  // the period before the round's: in the data, else (a round's returns alone) the latest --previous has before it
  const before = at > 0 ? years[at - 1] : input.previous?.years().filter((k) => k < latest).at(-1);
  const out: Finding[] = [];
  // the round's own checks, on its period only: units expected, units dropped, a totals row that stopped summing
  // (an earlier period's, such as a county's revision the published total did not follow, is no error of this round)
  const { expectedUnits, sums, periods: _p, historyOnly, ...rest } = input;
  const L = fw.nodes.filter((n) => n.children.length === 0).length;
  const U = obs.units.length + (input.expectedUnits?.length ?? 0) + (input.previous?.units.length ?? 0);
  const pool = { pcts: new Float64Array(L * U), who: new Int32Array(L * U) };
  for (const year of periods) {
    // (historyOnly: the earlier periods' error-level rules alone, for a caller that shows none of their warnings)
    const round = year === latest ? { ...(expectedUnits ? { expectedUnits } : {}), ...(before !== undefined ? { before } : {}), ...(sums ? { sums } : {}) } : { history: true, ...(historyOnly ? { only: historyOnly } : {}) };
    out.push(...reviewData(obs, fw, { ...rest, year, ...round, pool }));
  }
  blamePrevious(obs, fw, out);
  return out;
}

/**
 * A slip of scale against the year before whose value is in line with the
 * year after: the year before's value is the likely slip (a 2018 typed in
 * 元 between a 2017 and a 2019 in 万元 makes 2019 "1/100 of the year
 * before"; a base year typed so makes 2015 the only finding). The finding
 * then says so and names the year before's cell (detail culprit, next,
 * nextPeriod, previousSource), so that the first sentence a reader meets
 * does not send them to the right cell. The county trial.
 */
function blamePrevious(obs: Observations, fw: Framework, findings: Finding[]): void {
  const years = obs.years();
  const N = obs.nodeCount;
  for (const f of findings) {
    if (f.rule !== 'scale' || f.detail.against !== 'previous' || !(f.value! > 0)) continue;
    const u = obs.findUnit(f.unit);
    const n = fw.byId.get(f.node);
    if (u === undefined || n === undefined) continue;
    const next = years.find((k) => k > f.period && sameLastYear(k, obs.frequency) === f.period);
    const row = next === undefined ? -1 : obs.row(u, next);
    const after = row < 0 ? NaN : obs.value(row, n);
    if (!(after > 0) || after / f.value! >= SCALE_FACTOR || f.value! / after >= SCALE_FACTOR) continue;
    // and the year before stands apart from its own year before too (or has none): the odd one out, not the
    // first of a run of years at another level, where which side is wrong cannot be told
    const prevKey = sameLastYear(f.period, obs.frequency);
    const prevRow = obs.row(u, prevKey);
    const earlierRow = obs.row(u, sameLastYear(prevKey, obs.frequency));
    const earlier = earlierRow < 0 ? NaN : obs.value(earlierRow, n);
    if (prevRow < 0 || (earlier > 0 && f.previous! / earlier < SCALE_FACTOR && earlier / f.previous! < SCALE_FACTOR)) continue;
    const source = obs.source?.(prevRow * N + n);
    f.detail.culprit = 'previous';
    f.detail.next = after;
    f.detail.nextPeriod = next!;
    if (source !== undefined) f.detail.previousSource = source;
  }
}

/**
 * A `missing` finding whose cell holds a spreadsheet's error (#DIV/0!, #N/A:
 * a formula that failed, read as missing, the reader's error-cell warning):
 * the finding says so and names the cell, instead of calling it empty (the
 * county trial: 总资产周转率未填报 for a cell of #DIV/0!).
 */
export function noteErrorCells(findings: Finding[], warnings: readonly Warning[]): void {
  const errors = new Map<string, { cell: string; text: string }>();
  for (const w of warnings) if (w.code === 'error-cell') errors.set(`${w.unit}|${w.year}|${w.node}`, { cell: String(w.detail?.cell), text: String(w.detail?.text) });
  if (errors.size === 0) return;
  for (const f of findings) {
    const e = f.rule === 'missing' && f.node !== '' ? errors.get(`${f.unit}|${f.period}|${f.node}`) : undefined;
    if (e === undefined) continue;
    f.detail.errorCell = e.text;
    f.source = e.cell;
  }
}

/** Whether periods (keys, ascending) are one run of the data's periods, none of the data's between them left out. */
function isRun(years: readonly number[], held: readonly number[]): boolean {
  if (held.length < 2) return true;
  const from = years.indexOf(held[0]!);
  return from >= 0 && held.every((k, i) => years[from + i] === k);
}

/** The file of a source (`a.csv:3:4`, `b.xlsx, sheet 提交, C2`). */
export function sourceFile(source: string): string {
  return source.replace(/, sheet .*$/s, '').replace(/:\d+:\d+$/, '');
}
