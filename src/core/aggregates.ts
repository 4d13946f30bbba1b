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

/** Names of totals rows: 合计, 总计, 全省, 全市, 全县, 全区, 全国, 总体, Total, All, and names ending in 合计. */
export function isTotalName(name: string): boolean {
  return /^(合计|总计|全省|全市|全县|全区|全国|总体|total|all|grand total)$/i.test(name.trim()) || /合计$/.test(name.trim());
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

/** Which units are aggregates, and the notes saying which were found on their own. */
export function findAggregates(obs: Observations, fw: Framework, options: AggregateOptions = {}): { aggregate: boolean[]; notes: Note[] } {
  const aggregate = new Array<boolean>(obs.units.length).fill(false);
  const notes: Note[] = [];
  if (options.autoAggregate !== false) {
    const own = new Set(fw.aggregates.map(cleanCell));
    const found = obs.units.filter((name, u) => (aggregate[u] = own.has(name) || isTotalName(name)));
    if (found.length > 0) notes.push({ code: 'auto-aggregate', detail: { units: found.join(', ') } });
  }
  for (const name of options.aggregateUnits ?? []) {
    const id = obs.findUnit(cleanCell(name));
    if (id === undefined) {
      throw new SmeiError('usage', `--aggregate-unit ${quote(name)}: no such unit in ${obs.file}. Units: ${obs.units.slice(0, 12).join(', ')}${obs.units.length > 12 ? ', ...' : ''}.`);
    }
    aggregate[id] = true;
  }
  if (options.autoAggregate !== false) {
    for (const t of sumTotals(obs, fw, aggregate)) {
      aggregate[t.unit] = true;
      const node = fw.nodes[fw.byId.get(t.node)!]!;
      notes.push({ code: 'sum-aggregate', detail: { unit: obs.units[t.unit]!, indicator: t.node, label: node.zh || node.id, period: formatPeriod(t.period, obs.frequency), value: Number(t.value.toPrecision(10)), sum: Number(t.sum.toPrecision(10)), others: t.others, periods: t.periods } });
    }
  }
  return { aggregate, notes };
}

/** A unit found to be the total of the others, with the comparison a note shows. */
export interface SumTotal {
  unit: number;
  /** The first count indicator compared, its latest period compared, the unit's value and the others' sum there. */
  node: string;
  period: number;
  value: number;
  sum: number;
  /** How many other units were summed there, and in how many indicator-periods the sums held. */
  others: number;
  periods: number;
}

/**
 * The units whose every count indicator equals the sum of the other units'
 * (aggregates already known left out of the sum) within SUM_TOLERANCE, in
 * every period where the unit and all the others have a value; at least two
 * other units and one such comparison, at most MAX_UNITS units. A unit is only ever its own total's
 * summand, so at most one unit of a file is found this way.
 */
export function sumTotals(obs: Observations, fw: Framework, known: readonly boolean[]): SumTotal[] {
  const counts = fw.nodes.filter((n) => n.children.length === 0 && COUNT_UNITS.has(cleanCell(obs.dataUnits[n.index] || n.unit)));
  const members = obs.units.map((_, u) => u).filter((u) => !known[u]);
  // a totals row named after its region sits in an office table of dozens or hundreds of units; a panel of
  // many thousands (a national file of firms or villages) is not searched, so that a large compute pays nothing
  if (counts.length === 0 || members.length < 3 || members.length > MAX_UNITS) return [];
  const years = obs.years();
  const N = obs.nodeCount;
  const Y = years.length;
  const C = counts.length;
  const nodes = Int32Array.from(counts, (c) => c.index);
  const data = obs.data;
  // each member's row in each period (-1: none), then the sum over the members and how many have a value, per period and count indicator
  const rowOf = new Int32Array(members.length * Y);
  for (let m = 0; m < members.length; m++) for (let yi = 0; yi < Y; yi++) rowOf[m * Y + yi] = obs.row(members[m]!, years[yi]!);
  const total = new Float64Array(Y * C);
  const present = new Int32Array(Y * C);
  for (let m = 0; m < members.length; m++) {
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
        }
      }
    }
  }
  const found: SumTotal[] = [];
  for (let m = 0; m < members.length; m++) {
    let compared = 0;
    let ok = true;
    let shown: SumTotal | undefined;
    for (let ci = 0; ci < C && ok; ci++) {
      for (let yi = 0; yi < Y; yi++) {
        const at = yi * C + ci;
        // every unit present: the unit itself and all the others
        if (present[at] !== members.length) continue;
        const v = data[rowOf[m * Y + yi]! * N + nodes[ci]!]!;
        const sum = total[at]! - v;
        if (!(Math.abs(v - sum) <= SUM_TOLERANCE * Math.abs(sum)) || sum === 0) {
          ok = false;
          break;
        }
        compared++;
        if (shown === undefined || shown.node === counts[ci]!.id) shown = { unit: members[m]!, node: counts[ci]!.id, period: years[yi]!, value: v, sum, others: members.length - 1, periods: 0 };
      }
    }
    if (ok && compared > 0 && shown !== undefined) found.push({ ...shown, periods: compared });
  }
  // two totals of one another cannot both be: only a lone match is a total
  return found.length === 1 ? found : [];
}
