// Which units are aggregates (totals of the others): shown, never ranked.
// By name (合计, 全省, the framework's own aggregates), by the command line
// (--aggregate-unit), and by the numbers: a unit whose counts equal the sum
// of the other units' counts is their total whatever it is called (赣州市
// above its counties). Pure: observations in, a flag per unit and notes out.
import { SmeiError } from '../errors.js';
import type { Framework } from '../framework/types.js';
import { SCALED_COUNT_UNITS } from '../framework/units.js';
import { cleanCell, quote } from '../text.js';
import { formatPeriod } from '../time/period.js';
import type { Observations } from './observations.js';
import type { Note } from './types.js';

/** The place a totals row names, for sentences and titles: 柯城区 for 柯城区合计 (and 柯城区总计, 柯城区合计（含开发区）); undefined for 合计, 全区, a subtotal and the like. */
export function totalsPlace(name: string): string | undefined {
  const place = withoutNote(name).replace(/(合计|总计)$/, '');
  return place === '' || isTotalName(place) ? undefined : place;
}

/** A name without the note in brackets after it: 全县 for 全县（含开发区）. */
function withoutNote(name: string): string {
  return name.trim().replace(/\s*[（(][^（()）]*[)）]$/, '');
}

/**
 * Names of totals and subtotals rows, shown and never ranked: 合计, 总计,
 * 小计, 全省, 全市, 全县, 全区, 全镇, 全乡, 全国, 总体, Total, Subtotal, All;
 * names ending in 合计, 总计 or 小计 (全县总计, 街道小计); a row of 其中
 * (其中：街道); each also with a note in brackets after it (全县（含开发区）:
 * a county's total that holds a zone no row of the table does). The county
 * trial: 全县总计 and 其中:街道小计 were ranked 9th among the townships.
 */
export function isTotalName(name: string): boolean {
  const t = withoutNote(name);
  return /^(合计|总计|小计|全省|全市|全县|全区|全镇|全乡|全国|总体|total|subtotal|all|grand total)$/i.test(t) || /(合计|总计|小计)$/.test(t) || /^其中/.test(t);
}

/** A township's name: 花园街道, 航埠镇, 石室乡 (and 民族乡, 苏木). */
const TOWNSHIP = /(街道|镇|乡|苏木)$/;
/** A county-level name: 柯城区, 龙游县, 义乌市, 景宁畲族自治县. */
const COUNTY = /(区|县|市|旗)$/;
/** Zones that stand beside townships as units of their own (衢州经济开发区, 智造新城产业园区). */
const ZONE = /(开发区|园区|新区|新城|集聚区|功能区|景区|度假区|管委会|高新区|工业区|示范区|试验区|保税区)$/;

/**
 * The one county-level unit among townships (柯城区 among 花园街道, 航埠镇, 石室乡…): at least two townships,
 * every other unit a township or a zone (开发区, 园区), and one unit alone named as a county, district or city.
 * It is their total, though a county's total may hold firms no township reports (区直属), so its sums need not hold.
 */
export function higherLevelUnit(names: string[]): string | undefined {
  const county = names.filter((n) => COUNTY.test(n.trim()) && !ZONE.test(n.trim()) && !TOWNSHIP.test(n.trim()));
  if (county.length !== 1) return undefined;
  const rest = names.filter((n) => n !== county[0]);
  const townships = rest.filter((n) => TOWNSHIP.test(n.trim())).length;
  return townships >= 2 && rest.every((n) => TOWNSHIP.test(n.trim()) || ZONE.test(n.trim())) ? county[0] : undefined;
}

/**
 * Units of measure of counts and sums: a total of units in these is the sum
 * of the units' values (a share, a score, a rate or 次 as a turnover ratio is not):
 * the counting families of src/framework/units.ts (元 to 万亿元, 人, 万人, 户, 家, 件, 吨…) and 名.
 */
export const COUNT_UNITS = new Set([...SCALED_COUNT_UNITS, '名']);

/** How close a total must be to the sum of the other units: within 0.5% of the sum, in every period compared. */
export const SUM_TOLERANCE = 0.005;

/** Files with more units than this are not searched for a total by its sums. */
export const MAX_UNITS = 5000;

/** What decides the aggregates. */
export interface AggregateOptions {
  /** Totals rows by name and by sums (default true; --no-auto-aggregate turns it off). */
  autoAggregate?: boolean;
  /** Units named aggregates on the command line (--aggregate-unit). */
  aggregateUnits?: string[];
}

/**
 * How many of the data's indicators a unit's composite rests on in a period:
 * of the framework's indicators (leaves) that the data has for some unit
 * (`hasData`, by node index), those `has` gives a value. A totals row sent
 * with its counts only rests on 5 of 18. The report's headline and the
 * review's note on a totals row both count with this.
 */
export function indicatorsUsed(fw: Framework, hasData: readonly boolean[], has: (node: number) => boolean): { used: number; of: number } {
  let used = 0;
  let of = 0;
  for (const n of fw.nodes) {
    if (n.children.length > 0 || !hasData[n.index]) continue;
    of++;
    if (has(n.index)) used++;
  }
  return { used, of };
}

/**
 * Which units are aggregates, the notes saying which were found on their own, and
 * the periods where a totals row does not sum although it sums in most others
 * (the review's `totals` finding; compute and review both take them from here).
 */
export function findAggregates(obs: Observations, fw: Framework, options: AggregateOptions = {}): { aggregate: boolean[]; notes: Note[]; mismatches: SumMismatch[] } {
  const aggregate = new Array<boolean>(obs.units.length).fill(false);
  const notes: Note[] = [];
  if (options.autoAggregate !== false) {
    const own = new Set(fw.aggregates.map(cleanCell));
    const found = obs.units.filter((name, u) => (aggregate[u] = own.has(name) || isTotalName(name)));
    if (found.length > 0) notes.push({ code: 'auto-aggregate', detail: { units: found.join(', ') } });
    // a county's own row among its townships (柯城区 over 花园街道, 石室乡…): its total, though not the exact sum
    const county = higherLevelUnit(obs.units.filter((_, u) => !aggregate[u]));
    if (county !== undefined) {
      aggregate[obs.findUnit(county)!] = true;
      notes.push({ code: 'level-aggregate', detail: { unit: county } });
    }
  }
  for (const name of options.aggregateUnits ?? []) {
    const id = obs.findUnit(cleanCell(name));
    if (id === undefined) {
      throw new SmeiError('usage', `--aggregate-unit ${quote(name)}: no such unit in ${obs.file}. Units: ${obs.units.slice(0, 12).join(', ')}${obs.units.length > 12 ? ', ...' : ''}.`, { zh: `--aggregate-unit ${quote(name)}：${obs.file}中没有这个地区（有${obs.units.slice(0, 12).join(', ')}${obs.units.length > 12 ? `等${obs.units.length}个` : ''}）。` });
    }
    aggregate[id] = true;
  }
  let mismatches: SumMismatch[] = [];
  if (options.autoAggregate !== false) {
    const sums = sumCheck(obs, fw, aggregate);
    mismatches = sums.mismatches;
    for (const t of sums.found) {
      aggregate[t.unit] = true;
      const node = fw.nodes[fw.byId.get(t.node)!]!;
      const failed: Record<string, string> = t.failed.length === 0 ? {} : { failed: t.failed.map((k) => formatPeriod(k, obs.frequency)).join(', ') };
      notes.push({ code: 'sum-aggregate', detail: { unit: obs.units[t.unit]!, indicator: t.node, label: node.zh || node.id, period: formatPeriod(t.period, obs.frequency), value: Number(t.value.toPrecision(10)), sum: Number(t.sum.toPrecision(10)), others: t.others, periods: t.periods, ...failed } });
    }
  }
  return { aggregate, notes, mismatches };
}

/** A unit found to be the total of the others, with the comparison a note shows. */
export interface SumTotal {
  unit: number;
  /** The first count indicator compared, its latest period where the sums held, the unit's value and the others' sum there. */
  node: string;
  period: number;
  value: number;
  sum: number;
  /** How many other units were summed there, and in how many indicator-periods the sums held. */
  others: number;
  periods: number;
  /** The periods (keys, oldest first) where some count of the unit is not the others' sum although most periods hold. */
  failed: number[];
}

/**
 * A count of a totals row that is not the sum of the other units in a period
 * where its sums hold in most others: the review's `totals` finding (a unit's
 * slip of scale, or a unit's last year's form, has broken the sum).
 */
export interface SumMismatch {
  /** The totals row. */
  unit: string;
  node: string;
  period: number;
  value: number;
  /** The other units' sum there, and how many they are. */
  sum: number;
  others: number;
  /** The periods where its sums held (keys, oldest first). */
  held: number[];
}

/** The sums' checks of a file: the units found to be totals, and the periods where a totals row does not sum. */
export interface SumCheck {
  found: SumTotal[];
  mismatches: SumMismatch[];
}

/** A totals row whose sums fail somewhere must hold in at least this many periods (and in more periods than fail). */
export const MIN_HELD = 2;

/**
 * The units whose count indicators equal the sum of the other units' (aggregates already known left out of the sum)
 * within SUM_TOLERANCE, in the periods where the unit and all the others have a value: in every such period, or,
 * where some period fails, in at least MIN_HELD periods and in more periods than fail (a county's slip of scale or
 * a stale form breaks one period's sum; an ordinary unit never equals the sum of all the others even once). A period
 * holds when every count compared there holds (a zero where the others sum to zero is not compared). At least two
 * other units and one such comparison, at most MAX_UNITS units. A unit is only ever its own total's summand, so at
 * most one unit of a file is found this way.
 */
export function sumTotals(obs: Observations, fw: Framework, known: readonly boolean[]): SumTotal[] {
  return sumCheck(obs, fw, known).found;
}

/**
 * sumTotals, and the counts and periods where the total it finds is not the others' sum although it is in most
 * periods, in period and indicator order. A totals row known by name or named by --aggregate-unit is not checked:
 * its sums need not be the file's units' (a 全省 row above the cities a file holds, a revision of one city that
 * the published total does not follow).
 */
export function sumCheck(obs: Observations, fw: Framework, known: readonly boolean[]): SumCheck {
  const none: SumCheck = { found: [], mismatches: [] };
  const counts = fw.nodes.filter((n) => n.children.length === 0 && COUNT_UNITS.has(cleanCell(obs.dataUnits[n.index] || n.unit)));
  const members = obs.units.map((_, u) => u).filter((u) => !known[u]);
  // a totals row named after its region sits in an office table of dozens or hundreds of units; a panel of
  // many thousands (a national file of firms or villages) is not searched, so that a large compute pays nothing
  if (counts.length === 0 || members.length < 3 || members.length > MAX_UNITS) return none;
  const years = obs.years();
  const N = obs.nodeCount;
  const Y = years.length;
  const C = counts.length;
  const M = members.length;
  const nodes = Int32Array.from(counts, (c) => c.index);
  const data = obs.data;
  // each member's row in each period (-1: none), then the sum over the members and how many have a value, per period and count indicator
  const rowOf = new Int32Array(M * Y);
  for (let m = 0; m < M; m++) for (let yi = 0; yi < Y; yi++) rowOf[m * Y + yi] = obs.row(members[m]!, years[yi]!);
  const total = new Float64Array(Y * C);
  const present = new Int32Array(Y * C);
  // the most decimals a member's value shows, per period and count: each value is rounded on its own, so the
  // members' sum may miss a published total by up to half a last digit per value (small totals: beyond 0.5%)
  const decimals = new Int8Array(Y * C);
  for (let m = 0; m < M; m++) {
    for (let yi = 0; yi < Y; yi++) {
      const row = rowOf[m * Y + yi]!;
      if (row < 0) continue;
      for (let ci = 0; ci < C; ci++) {
        const v = data[row * N + nodes[ci]!]!;
        if (v === v) {
          // not NaN: a value
          const at = yi * C + ci;
          total[at] = total[at]! + v;
          present[at] = present[at]! + 1;
          const d = decimalsShown(v);
          if (d > decimals[at]!) decimals[at] = d;
        }
      }
    }
  }
  // one candidate, period by period: a period holds when every count compared there is within SUM_TOLERANCE of the
  // others' sum (its own value out of the members' total), fails when any is not. `rows` is the candidate's row per
  // period. Unless `full`, it stops as soon as the candidate cannot be a total.
  const heldAt: number[] = [];
  const failedAt: number[] = [];
  /**
   * A count against the others' sum (at `at`: period and count): 0 when both are 0 (passed over), 1 when equal
   * within SUM_TOLERANCE or within the rounding of the values summed (half a last digit each, the total's too),
   * -1 when not.
   */
  const against = (v: number, sum: number, at: number): 0 | 1 | -1 => {
    if (v === 0 && sum === 0) return 0;
    const rounding = (present[at]! * 0.5 * 10 ** -decimals[at]!) * (1 + 1e-9);
    return sum !== 0 && Math.abs(v - sum) <= Math.max(SUM_TOLERANCE * Math.abs(sum), rounding) ? 1 : -1;
  };
  const judge = (rows: Int32Array, full: boolean): { compared: number; total: boolean } => {
    heldAt.length = 0;
    failedAt.length = 0;
    let compared = 0;
    for (let yi = 0; yi < Y; yi++) {
      const row = rows[yi]!;
      if (row < 0) continue;
      let ok = 0;
      let bad = false;
      for (let ci = 0; ci < C; ci++) {
        const at = yi * C + ci;
        // every unit present: the unit itself and all the others
        if (present[at] !== M) continue;
        const v = data[row * N + nodes[ci]!]!;
        const c = against(v, total[at]! - v, at);
        if (c === 0) continue;
        if (c === 1) ok++;
        else {
          bad = true;
          if (!full) break;
        }
      }
      if (bad) failedAt.push(yi);
      else if (ok > 0) heldAt.push(yi);
      if (!bad) compared += ok;
      // the periods left cannot make the held ones at least MIN_HELD and more than the failed ones
      const most = heldAt.length + (Y - 1 - yi);
      if (!full && failedAt.length > 0 && (most < MIN_HELD || most <= failedAt.length)) return { compared, total: false };
    }
    const isTotal = heldAt.length > 0 && (failedAt.length === 0 || (heldAt.length >= MIN_HELD && heldAt.length > failedAt.length));
    return { compared, total: isTotal };
  };
  // the counts of a candidate that fail in its failed periods, each with the others' sum
  const mismatchesOf = (unit: number, rows: Int32Array, out: SumMismatch[]): void => {
    const held = heldAt.map((yi) => years[yi]!);
    for (const yi of failedAt) {
      const row = rows[yi]!;
      for (let ci = 0; ci < C; ci++) {
        const at = yi * C + ci;
        if (present[at] !== M) continue;
        const v = data[row * N + nodes[ci]!]!;
        const sum = total[at]! - v;
        if (against(v, sum, at) !== -1) continue;
        out.push({ unit: obs.units[unit]!, node: counts[ci]!.id, period: years[yi]!, value: v, sum, others: M - 1, held });
      }
    }
  };
  const found: SumTotal[] = [];
  let foundMismatches: SumMismatch[] = [];
  for (let m = 0; m < M; m++) {
    const rows = rowOf.subarray(m * Y, m * Y + Y);
    if (!judge(rows, false).total) continue;
    // a total: the comparisons again in full, for the note and the review
    const { compared } = judge(rows, true);
    let shown: SumTotal | undefined;
    const held = new Set(heldAt);
    for (let ci = 0; ci < C && shown === undefined; ci++) {
      // the first count indicator compared, at its latest period that holds
      for (let yi = Y - 1; yi >= 0; yi--) {
        const at = yi * C + ci;
        if (!held.has(yi) || present[at] !== M) continue;
        const v = data[rows[yi]! * N + nodes[ci]!]!;
        const sum = total[at]! - v;
        if (v === 0 && sum === 0) continue;
        shown = { unit: members[m]!, node: counts[ci]!.id, period: years[yi]!, value: v, sum, others: M - 1, periods: compared, failed: failedAt.map((yi) => years[yi]!) };
        break;
      }
    }
    if (shown === undefined) continue;
    found.push(shown);
    foundMismatches = [];
    mismatchesOf(members[m]!, rows, foundMismatches);
  }
  // two totals of one another cannot both be: only a lone match is a total
  return found.length === 1 ? { found, mismatches: foundMismatches } : none;
}

/** The decimals a value shows in its shortest text (12.5: 1; 3: 0; 1e-7: 7), at most 15. */
function decimalsShown(v: number): number {
  const text = String(Math.abs(v));
  const e = text.indexOf('e');
  if (e >= 0) {
    const mantissa = text.slice(0, e);
    const dot = mantissa.indexOf('.');
    return Math.min(15, Math.max(0, (dot < 0 ? 0 : mantissa.length - dot - 1) - Number(text.slice(e + 1))));
  }
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(15, text.length - dot - 1);
}
