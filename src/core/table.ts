// The table the index pipeline fills: every unit's value for every period and
// node in typed arrays (unit, period, node row-major), with ranks on demand,
// growth rates, and the record of the run. Pure: no I/O.
import type { Framework } from '../framework/types.js';
import { periodWords, previousPeriod, sameLastYear, type Frequency } from '../time/period.js';
import { EQUAL_TOLERANCE, sameValue } from './equal.js';
import { specText } from './methods.js';
import type { Observations } from './observations.js';
import type { RunRecord } from './record.js';
import type { Periods } from './stages/periods.js';
import type { Units } from './stages/units.js';
import type { Note, Warning } from './types.js';

/** Relative tolerance under which two values count as a tie. */
export const TIE_TOLERANCE = EQUAL_TOLERANCE;

/** competitionRanks' `include` that leaves no defined value out. */
const everyValue = (): boolean => true;

/** The computed index for every unit, period and node in typed arrays, with ranks (on demand) and changes; the record of how it was computed. */
export class IndexTable {
  /** Unrounded node values, (unit, year index, node) row-major; NaN is "undefined" and only ever leaves as null. Written only by the stages of computeIndex. */
  readonly values: Float64Array;
  /** 1 where an inner node's value was given in the data, not computed. Written only by the stages of computeIndex. */
  readonly givenFlags: Uint8Array;
  /** 1 where a leaf's raw value was imputed. */
  readonly imputedFlags: Uint8Array;
  /** What the run did, stage by stage (methods, parameters, what each changed): what the JSON `method`, the report's method section and the workbook's 方法 sheet read. */
  readonly record: RunRecord;
  /** Group ranks computed so far, by column, group, period and node. */
  private readonly groupRanks = new Map<string, Map<number, number>>();
  /** Ranks by (period index, node), each unit's (0 = no rank), made on first use: a panel ranks the few nodes it shows, not all. */
  private readonly ranks: (Int32Array | undefined)[];
  /** allTied by (period index, node): 0 not yet known, 1 no, 2 yes. */
  private readonly tiedFlags: Uint8Array;
  private readonly yearIndex: Map<number, number>;
  /** For each period index, the index of the same period a year earlier (同比), or -1. */
  private readonly prevIdx: Int32Array;
  /** For each period index, the index of the period before (环比), or -1. */
  private readonly popIdx: Int32Array;
  /** The frequency of the periods. */
  readonly frequency: Frequency;
  readonly nodeCount: number;
  /** What smei did besides computing (totals rows found, and what the reader did): for stderr and JSON. */
  readonly notes: Note[];

  readonly baseYear: number;
  readonly refYear: number | undefined;
  /** The periods of the table (period keys), in order. */
  readonly years: number[];
  /** The one period = 100, when --base-period gave it. */
  readonly basePeriod: number | undefined;
  readonly units: string[];
  /** Whether a unit is a totals row (shown, not ranked). */
  readonly aggregate: boolean[];
  /** Whether a node (or something below it) has data anywhere. */
  readonly nodeHasData: boolean[];
  readonly file: string;

  constructor(
    readonly framework: Framework,
    /** The values as read (raw indicator values, given index points), for quoting and revisions. */
    readonly observations: Observations,
    periods: Periods,
    units: Units,
    readonly warnings: Warning[],
    record: RunRecord,
  ) {
    this.file = observations.file;
    this.baseYear = periods.baseYear;
    this.refYear = periods.refYear;
    this.years = periods.years;
    this.basePeriod = periods.basePeriod;
    this.units = observations.units;
    this.aggregate = units.aggregate;
    this.nodeHasData = units.hasData;
    this.record = record;
    this.notes = [];
    this.nodeCount = framework.nodes.length;
    const years = this.years;
    const size = this.units.length * years.length * this.nodeCount;
    this.values = new Float64Array(size).fill(NaN);
    this.givenFlags = new Uint8Array(size);
    this.imputedFlags = new Uint8Array(size);
    this.ranks = new Array<Int32Array | undefined>(years.length * this.nodeCount).fill(undefined);
    this.tiedFlags = new Uint8Array(years.length * this.nodeCount);
    this.yearIndex = new Map(years.map((y, i) => [y, i]));
    this.frequency = observations.frequency;
    this.prevIdx = Int32Array.from(years, (y) => this.yearIndex.get(sameLastYear(y, this.frequency)) ?? -1);
    this.popIdx = Int32Array.from(years, (y) => {
      const p = previousPeriod(y, this.frequency);
      return p === undefined ? -1 : this.yearIndex.get(p) ?? -1;
    });
  }

  /** The flat slot of a (unit, year index, node) cell. */
  private slot(unit: number, yi: number, node: number): number {
    return (unit * this.years.length + yi) * this.nodeCount + node;
  }

  /** The index of a year in `years`, or undefined. */
  yearIdx(year: number): number | undefined {
    return this.yearIndex.get(year);
  }

  /**
   * Competition ranks ("1224") for one year and the nodes asked (not yet
   * ranked), aggregates left out. The year's rows are read row by row (a
   * unit's cells lie side by side): writers of every row ask for all nodes
   * at once, a table for the one it shows.
   */
  rankYear(yi: number, nodes: readonly number[]): void {
    const N = this.nodeCount;
    const todo = nodes.filter((n) => this.ranks[yi * N + n] === undefined);
    if (todo.length === 0) return;
    const U = this.units.length;
    const Y = this.years.length;
    const K = todo.length;
    // a totals row's values left out as undefined (no rank), so that every call ranks with the same function:
    // a new closure each call made V8 throw away competitionRanks' optimised code again and again
    const vals = new Float64Array(K * U);
    for (let u = 0; u < U; u++) {
      const at = (u * Y + yi) * N;
      const out = this.aggregate[u] === true;
      for (let k = 0; k < K; k++) vals[k * U + u] = out ? NaN : this.values[at + todo[k]!]!;
    }
    for (let k = 0; k < K; k++) this.ranks[yi * N + todo[k]!] = competitionRanks(vals.subarray(k * U, (k + 1) * U), everyValue);
  }

  /** The raw value, NaN where undefined (for the core's own arithmetic). */
  raw(unit: number, yi: number, node: number): number {
    return this.values[this.slot(unit, yi, node)]!;
  }

  /** The value, or null where undefined. */
  value(unit: number, yi: number, node: number): number | null {
    const v = this.raw(unit, yi, node);
    return Number.isNaN(v) ? null : v;
  }

  /** Whether an inner node's value was taken from the data as given. */
  given(unit: number, yi: number, node: number): boolean {
    return this.givenFlags[this.slot(unit, yi, node)] === 1;
  }

  /** The value as read from the data (a raw indicator value), or null where none was given. */
  observed(unit: number, yi: number, node: number): number | null {
    const row = this.observations.row(unit, this.years[yi]!);
    if (row < 0) return null;
    const v = this.observations.value(row, node);
    return Number.isNaN(v) ? null : v;
  }

  /** The value in another year (by calendar year), or null. */
  valueInYear(unit: number, year: number, node: number): number | null {
    const yi = this.yearIndex.get(year);
    return yi === undefined ? null : this.value(unit, yi, node);
  }

  /** Rank within the year among non-aggregate units (1 = highest), or null. */
  rank(unit: number, yi: number, node: number): number | null {
    const at = yi * this.nodeCount + node;
    if (this.ranks[at] === undefined) this.rankYear(yi, [node]);
    const r = this.ranks[at]![unit]!;
    return r === 0 ? null : r;
  }

  /**
   * Whether every ranked unit of a period ties on a node (two or more units,
   * all ranked 1): the base period of a fixed-base index, where every unit is
   * 100 by construction. Rank changes from or to such a period say nothing.
   */
  allTied(yi: number, node: number): boolean {
    const at = yi * this.nodeCount + node;
    if (this.tiedFlags[at] !== 0) return this.tiedFlags[at] === 2;
    let n = 0;
    let tied = true;
    for (let u = 0; u < this.units.length && tied; u++) {
      const r = this.rank(u, yi, node);
      if (r === null) continue;
      if (r !== 1) tied = false;
      n++;
    }
    tied &&= n >= 2;
    this.tiedFlags[at] = tied ? 2 : 1;
    return tied;
  }


  /**
   * The rank a reader is shown: null in a period where every unit ties (the
   * base period of a fixed-base index, all 100), where "1st" of all would
   * read as a place won and a chart of ranks as a fall after it. JSON and CSV
   * keep rank() as it is.
   */
  shownRank(unit: number, yi: number, node: number): number | null {
    return this.allTied(yi, node) ? null : this.rank(unit, yi, node);
  }

  /**
   * Where some unit is ranked in one of two periods only: each unit's ranks
   * among the units ranked in both, ranked again among themselves (0 for
   * the others), and the units ranked in one only; undefined when both
   * periods rank the same units. A county absent this period would otherwise
   * lift every county behind it by one place.
   */
  comparableRanks(yi: number, prior: number, node: number): { from: Int32Array; to: Int32Array; oneSide: number[] } | undefined {
    const U = this.units.length;
    const oneSide: number[] = [];
    for (let u = 0; u < U; u++) if ((this.rank(u, yi, node) === null) !== (this.rank(u, prior, node) === null)) oneSide.push(u);
    if (oneSide.length === 0) return undefined;
    const inBoth = (u: number): boolean => this.rank(u, yi, node) !== null && this.rank(u, prior, node) !== null;
    return {
      from: competitionRanks(Float64Array.from(this.units, (_, u) => this.raw(u, prior, node)), inBoth),
      to: competitionRanks(Float64Array.from(this.units, (_, u) => this.raw(u, yi, node)), inBoth),
      oneSide,
    };
  }

  /** Renormalised aggregations by unit and period index (`${unit}:${yi}`), made on first use. */
  private partials: Map<string, { node: number; present: number; expected: number }[]> | undefined;

  /**
   * Where a node's value for a unit and period was aggregated from some of
   * the children below it only (the others missing, weights renormalised
   * over those present, as the `renormalised` warning says): each such node
   * in its subtree, itself included, with how many children it had of how
   * many. Empty when every value below it was there. A unit ranked on part
   * of its indicators is marked where its value is shown.
   */
  partial(unit: number, yi: number, node: number): { node: number; present: number; expected: number }[] {
    if (this.partials === undefined) {
      this.partials = new Map();
      const units = new Map(this.units.map((name, u) => [name, u]));
      for (const w of this.warnings) {
        if (w.code !== 'renormalised' || w.unit === undefined || w.year === undefined || w.node === undefined) continue;
        const u = units.get(w.unit);
        const y = this.yearIndex.get(w.year);
        const n = this.framework.byId.get(w.node);
        if (u === undefined || y === undefined || n === undefined) continue;
        const key = `${u}:${y}`;
        const list = this.partials.get(key) ?? [];
        list.push({ node: n, present: Number(w.detail?.present), expected: Number(w.detail?.expected) });
        this.partials.set(key, list);
      }
    }
    const list = this.partials.get(`${unit}:${yi}`);
    if (list === undefined) return [];
    const nodes = this.framework.nodes;
    return list.filter((p) => {
      for (let m = p.node; m >= 0; m = nodes[m]!.parent) if (m === node) return true;
      return false;
    });
  }

  /**
   * Rank within the unit's group (a group column of the data, e.g. EurAsia_group):
   * competition ranks among the non-aggregate units of the same group, or null.
   */
  groupRank(unit: number, yi: number, node: number, column: string): number | null {
    const groups = this.observations.groups.get(column);
    const g = groups?.get(this.units[unit]!);
    if (g === undefined || g === '' || this.aggregate[unit]) return null;
    const key = `${column}|${g}|${yi}|${node}`;
    let ranks = this.groupRanks.get(key);
    if (ranks === undefined) {
      ranks = new Map();
      const vals = Float64Array.from(this.units, (_, u) => this.raw(u, yi, node));
      const all = competitionRanks(vals, (u) => !this.aggregate[u] && groups!.get(this.units[u]!) === g);
      all.forEach((r, u) => {
        if (r > 0) ranks!.set(u, r);
      });
      this.groupRanks.set(key, ranks);
    }
    return ranks.get(unit) ?? null;
  }

  /**
   * Whether growth rates (同比, 环比, % against the reference period) mean
   * anything: not for scores placed within each period's spread (min-max,
   * z-score, rank, percentile, efficacy without the framework's bounds, under
   * --scope year), where a unit going from 1 to 3 points is +200 % without
   * moving. Points against the reference period and ranks still compare.
   */
  get growth(): boolean {
    return (this.growthMemo ??= this.findGrowth());
  }

  private growthMemo: boolean | undefined;

  private findGrowth(): boolean {
    const m = this.record.leaves.normalise;
    if (this.record.leaves.scope === 'panel') return true;
    switch (m.name) {
      case 'min-max': case 'z-score': case 'rank': case 'percentile': return false;
      case 'efficacy': case 'efficacy-exponential': {
        const nodes = this.framework.nodes;
        return nodes.every((n) => n.children.length > 0 || !this.nodeHasData[n.index] || (n.lower !== undefined && n.upper !== undefined));
      }
      default: return true;
    }
  }

  /** Year-over-year growth in percent, (v_t / v_{t-1} - 1) * 100, or null (always, where growth rates mean nothing: `growth`). */
  yoyPct(unit: number, yi: number, node: number): number | null {
    if (!this.growth) return null;
    const p = this.prevIdx[yi]!;
    return p < 0 ? null : pctChange(this.value(unit, yi, node), this.value(unit, p, node));
  }

  /** The index in `years` of the same period a year earlier (the year before, for annual data), or -1. */
  prevYear(yi: number): number {
    return this.prevIdx[yi]!;
  }

  /** Whether the data has 环比 of its own: sub-annual, not cumulative (for annual data it is the YoY rate). */
  get hasPop(): boolean {
    return this.frequency !== 'year' && this.frequency !== 'cumulative';
  }

  /** Period-on-period growth (环比) in percent, against the period before, or null (and always null for annual or cumulative data). */
  popPct(unit: number, yi: number, node: number): number | null {
    if (!this.hasPop || !this.growth) return null;
    const p = this.popIdx[yi]!;
    return p < 0 ? null : pctChange(this.value(unit, yi, node), this.value(unit, p, node));
  }

  /** The base in words: "2014年" (annual), "2014年第一季度" (--base-period), "2014年平均" (the mean of a year's periods). */
  baseLabel(lang: 'zh' | 'en'): string {
    // cross-sectional scores have no base: the label names the normalisation instead
    const m = this.record.leaves.normalise;
    if (m.name !== 'fixed-base' && m.name !== 'chain-linked') return specText(m);
    if (this.basePeriod !== undefined) return periodWords(this.basePeriod, this.frequency, lang);
    if (this.frequency === 'year') return lang === 'zh' ? `${this.baseYear}年` : String(this.baseYear);
    // a year-to-date span against the same span of the base year (2025年1-6月 against 2023年1-6月)
    if (this.frequency === 'cumulative') return lang === 'zh' ? `${this.baseYear}年同期` : `the same months of ${this.baseYear}`;
    return lang === 'zh' ? `${this.baseYear}年平均` : `${this.baseYear} average`;
  }

  /** A period (or, for a base year of sub-annual data, a year) in words: 2018年, 2018年第一季度, Q1 2018. */
  periodLabel(key: number, lang: 'zh' | 'en'): string {
    if (key === 0) return periodWords(0, this.frequency, lang);
    if (this.frequency !== 'year' && key < 10000) return lang === 'zh' ? `${key}年` : String(key);
    return periodWords(key, this.frequency, lang);
  }

  /** Change in index points against the reference year, or null. */
  vsRefPoints(unit: number, yi: number, node: number): number | null {
    if (this.refYear === undefined) return null;
    const v = this.value(unit, yi, node);
    const r = this.valueInYear(unit, this.refYear, node);
    return v === null || r === null ? null : v - r;
  }

  /** Change in percent against the reference year, or null. */
  vsRefPct(unit: number, yi: number, node: number): number | null {
    if (this.refYear === undefined || !this.growth) return null;
    return pctChange(this.value(unit, yi, node), this.valueInYear(unit, this.refYear, node));
  }

}

/** (v / earlier - 1) * 100, or null when either is missing or the earlier is 0. */
export function pctChange(v: number | null, earlier: number | null): number | null {
  if (v === null || earlier === null || earlier === 0) return null;
  return (v / earlier - 1) * 100;
}

/** Whether two values are equal within the tie tolerance. */
export function isTie(a: number, b: number): boolean {
  return sameValue(a, b, TIE_TOLERANCE);
}

/**
 * Competition ranks ("1224") of the values that `include` admits (NaN never
 * ranks), 0 for the rest: the values sorted (a typed array's own sort),
 * ranked from the highest down, a value within TIE_TOLERANCE of the one above
 * taking its rank; each value gets the rank of its place, equal values one.
 */
export function competitionRanks(values: Float64Array, include: (i: number) => boolean): Int32Array {
  const ranks = new Int32Array(values.length);
  const sorted = new Float64Array(values.length);
  let m = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!) && include(i)) sorted[m++] = values[i]!;
  const order = sorted.subarray(0, m).sort();
  const rankAt = new Int32Array(m);
  let prevRank = 0;
  for (let k = 0; k < m; k++) {
    const p = m - 1 - k; // the k-th highest
    const rank = k > 0 && isTie(order[p]!, order[p + 1]!) ? prevRank : k + 1;
    rankAt[p] = rank;
    prevRank = rank;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v) || !include(i)) continue;
    // past the last place holding v (== v: 0 and -0 are one)
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = rankAt[lo - 1]!;
  }
  return ranks;
}
