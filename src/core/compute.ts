// The fixed-base index: leaf values against the base year, weighted means up
// the tree, changes and ranks. Pure: no I/O, same input -> same output.
import { findAggregates } from './aggregates.js';
import { EQUAL_TOLERANCE, sameValue } from './equal.js';
import { SmeiError } from '../errors.js';
import type { Framework } from '../framework/types.js';
import type { Observations } from './observations.js';
import type { AhpNote, ComputeOptions, Note, Warning } from './types.js';
import { formatPeriod, periodKey, periodOf, periodsOfYear, periodWords, previousPeriod, sameLastYear, type Frequency } from '../time/period.js';
import { AGGREGATIONS, aggregateValues, parseSpec, specText, type MethodSpec } from './methods.js';
import { chainNode, childWeights, crossSectionScores, refuseInconsistent } from './weigh.js';

/** Relative tolerance under which two values count as a tie. */
export const TIE_TOLERANCE = EQUAL_TOLERANCE;

/** The computed index for every unit, year and node, with ranks and changes. */
export class IndexTable {
  /** Unrounded node values, (unit, year index, node) row-major; NaN is "undefined" and only ever leaves as null. Written only by computeIndex. */
  readonly values: Float64Array;
  /** 1 where an inner node's value was given in the data, not computed. Written only by computeIndex. */
  readonly givenFlags: Uint8Array;
  /** 1 where a leaf's raw value was imputed. */
  readonly imputedFlags: Uint8Array;
  /** The weights each inner node gave its children, in children order (given, equal, or derived). */
  readonly weightsUsed = new Map<number, number[]>();
  /** The methods the table was computed with. */
  method: { normalise: MethodSpec; weights: MethodSpec; aggregation: MethodSpec | undefined; scope: 'year' | 'panel' } = { normalise: { name: 'fixed-base', params: [] }, weights: { name: 'given', params: [] }, aggregation: undefined, scope: 'year' };
  /** The preparation of the data (set by the command line): methods and what they did. */
  prep: { methods: { denominate: boolean; impute?: MethodSpec; screen?: number; treat?: MethodSpec }; log: { screened: { unit: string; period: number; share: number }[]; treated: { period: number; node: string; winsorised: number; log: boolean }[] } } | undefined;
  /** Group ranks computed so far, by column, group, period and node. */
  private readonly groupRanks = new Map<string, Map<number, number>>();
  /** Facts of data-driven weights for the method section and JSON: every AHP matrix's λmax, CI, RI and CR. */
  readonly weightNotes: AhpNote[] = [];
  /** Ranks, filled per (year, node) on first use: 0 = no rank. */
  private readonly ranks: Int32Array;
  private readonly ranked: Uint8Array;
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

  constructor(
    readonly framework: Framework,
    readonly file: string,
    readonly baseYear: number,
    readonly refYear: number | undefined,
    readonly years: number[],
    readonly units: string[],
    readonly aggregate: boolean[],
    /** Whether a node (or something below it) has data anywhere. */
    readonly nodeHasData: boolean[],
    readonly warnings: Warning[],
    /** The values as read (raw indicator values, given index points), for quoting and revisions. */
    readonly observations: Observations,
    /** The one period = 100, when --base-period gave it. */
    readonly basePeriod?: number,
  ) {
    this.notes = [];
    this.nodeCount = framework.nodes.length;
    const size = units.length * years.length * this.nodeCount;
    this.values = new Float64Array(size).fill(NaN);
    this.givenFlags = new Uint8Array(size);
    this.imputedFlags = new Uint8Array(size);
    this.prep = undefined;
    this.ranks = new Int32Array(size);
    this.ranked = new Uint8Array(years.length * this.nodeCount);
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
   * ranked), aggregates left out. The year's rows are read and written row by
   * row (a unit's cells lie side by side): writers of every row ask for all
   * nodes at once, a table for the one it shows.
   */
  rankYear(yi: number, nodes: readonly number[]): void {
    const todo = nodes.filter((n) => this.ranked[yi * this.nodeCount + n] === 0);
    if (todo.length === 0) return;
    const U = this.units.length;
    const N = this.nodeCount;
    const Y = this.years.length;
    const K = todo.length;
    const vals = new Float64Array(K * U);
    for (let u = 0; u < U; u++) {
      const at = (u * Y + yi) * N;
      for (let k = 0; k < K; k++) vals[k * U + u] = this.values[at + todo[k]!]!;
    }
    const include = (u: number): boolean => !this.aggregate[u];
    const ranks = new Int32Array(K * U);
    for (let k = 0; k < K; k++) {
      ranks.set(competitionRanks(vals.subarray(k * U, (k + 1) * U), include), k * U);
      this.ranked[yi * N + todo[k]!] = 1;
    }
    for (let u = 0; u < U; u++) {
      const at = (u * Y + yi) * N;
      for (let k = 0; k < K; k++) this.ranks[at + todo[k]!] = ranks[k * U + u]!;
    }
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
    if (this.ranked[yi * this.nodeCount + node] === 0) this.rankYear(yi, [node]);
    const r = this.ranks[this.slot(unit, yi, node)]!;
    return r === 0 ? null : r;
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

  /** Year-over-year growth in percent, (v_t / v_{t-1} - 1) * 100, or null. */
  yoyPct(unit: number, yi: number, node: number): number | null {
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
    if (!this.hasPop) return null;
    const p = this.popIdx[yi]!;
    return p < 0 ? null : pctChange(this.value(unit, yi, node), this.value(unit, p, node));
  }

  /** The base in words: "2014年" (annual), "2014年第一季度" (--base-period), "2014年平均" (the mean of a year's periods). */
  baseLabel(lang: 'zh' | 'en'): string {
    // cross-sectional scores have no base: the label names the normalisation instead
    const m = this.method.normalise;
    if (m.name !== 'fixed-base' && m.name !== 'chain-linked') return specText(m);
    if (this.basePeriod !== undefined) return periodWords(this.basePeriod, this.frequency, lang);
    if (this.frequency === 'year' || this.frequency === 'cumulative') return lang === 'zh' ? `${this.baseYear}年` : String(this.baseYear);
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
    if (this.refYear === undefined) return null;
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

/** Which nodes have data at or below them. */
function nodesWithData(fw: Framework, obs: Observations): boolean[] {
  const has = [...obs.nodeHasData];
  for (let n = fw.nodes.length - 1; n >= 0; n--) {
    if (fw.nodes[n]!.children.some((c) => has[c])) has[n] = true;
  }
  return has;
}

/** No base values yet (a placeholder before the first lookup). */
const EMPTY_BASE = new Float64Array(0);

/** Computes every index, change and rank for the observations. */
export function computeIndex(obs: Observations, fw: Framework, options: ComputeOptions = {}): IndexTable {
  const baseYear = options.baseYear ?? fw.baseYear;
  const years = obs.years();
  const warnings: Warning[] = [...(options.warnings ?? [])];
  const nodes = fw.nodes;
  const hasData = nodesWithData(fw, obs);

  const freq = obs.frequency;
  const basePeriod = options.basePeriod;
  const normalise = options.normalise ?? { name: 'fixed-base', params: [] };
  const weighting = options.weights ?? { name: 'given', params: [] };
  const fixedBase = normalise.name === 'fixed-base' || normalise.name === 'chain-linked';
  if (normalise.name === 'chain-linked' && freq !== 'year') throw new SmeiError('usage', `--normalise chain-linked: ${obs.file} is ${freq === 'cumulative' ? 'cumulative' : `${freq}ly`} data; chain-linking is for annual data. Use fixed-base for periods.`);
  // cross-sectional methods need no base
  const leafHasData = fixedBase && nodes.some((n) => n.children.length === 0 && obs.nodeHasData[n.index]);
  if (leafHasData && basePeriod !== undefined && !years.includes(basePeriod)) {
    throw new SmeiError('data', `--base-period ${periodWords(basePeriod, freq, 'en')}: ${obs.file} has no data for that period (it has ${describePeriods(years, freq)}). Give a period the data has.`);
  }
  if (leafHasData && basePeriod === undefined && years.length === 1 && years[0] === 0) {
    // a cross-section: no year column, so there is no year to index against
    throw new SmeiError('usage', `${obs.file}: the data has no year column: it is one period (a cross-section), and fixed-base indices compare each year with a base year. Choose a cross-sectional --normalise such as min-max, or add a year column.`);
  }
  if (leafHasData && basePeriod === undefined && !baseYear) {
    throw new SmeiError('usage', `${obs.file}: the framework ${fw.name} gives no base year, and fixed-base indices need one. Pass --base-year YEAR (or --base-period), add "baseYear" to the framework, or choose a cross-sectional --normalise such as min-max.`);
  }
  if (leafHasData && basePeriod === undefined && !years.some((k) => periodOf(k, freq).year === baseYear)) {
    throw new SmeiError('data', `${obs.file}: no data for the base year ${baseYear} (the data has ${describePeriods(years, freq)}). Raw indicator values are indexed against the base year: add its rows, or pass --base-year with a year the data has.`);
  }

  // Totals rows are never ranked against the units they contain.
  const { aggregate, notes } = findAggregates(obs, fw, options);
  if (options.refYear !== undefined && !years.includes(options.refYear)) {
    throw new SmeiError('usage', `--ref-year ${freq === 'year' ? options.refYear : formatPeriod(options.refYear, freq)}: ${obs.file} has no data for that ${freq === 'year' ? 'year' : 'period'} (it has ${describePeriods(years, freq)}).`);
  }

  for (const n of nodes) {
    if (n.parent < 0 || hasData[n.index]) continue;
    const siblings = nodes[n.parent]!.children;
    if (siblings.some((s) => hasData[s])) warnings.push({ code: 'no-data', node: n.id });
  }

  // raw values have no direction: say which lower-is-better indicators enter as they are
  const unflipped = normalise.name === 'none' ? nodes.filter((n) => n.children.length === 0 && n.direction === -1 && hasData[n.index]).map((n) => n.id) : [];
  if (unflipped.length > 0) notes.push({ code: 'direction-ignored', detail: { indicators: unflipped.join(', ') } });
  const table = new IndexTable(fw, obs.file, baseYear, options.refYear, years, obs.units, aggregate, hasData, warnings, obs, basePeriod);
  table.notes.push(...notes);
  table.method = { normalise, weights: weighting, aggregation: options.aggregation, scope: options.scope ?? 'year' };

  // The loops read and write the typed arrays directly: a million cells. Nodes are
  // computed from the leaves up, each for every unit and period, so that data-driven
  // weights of a node's children can use all their values; warnings are keyed to
  // come out unit by unit and period by period, as readers expect.
  const N = nodes.length;
  const U = obs.units.length;
  const Y = years.length;
  const isLeaf = Uint8Array.from(nodes, (n) => (n.children.length === 0 ? 1 : 0));
  const data = obs.data;
  const values = table.values;
  const keyed: { k: number; w: Warning }[] = [];
  const warnAt = (u: number, yi: number, n: number, w: Warning): void => {
    keyed.push({ k: (u * Y + yi) * (N + 2) + (n < 0 ? 0 : N + 1 - n), w });
  };
  const rowOf = new Int32Array(U * Y);
  for (let u = 0; u < U; u++) {
    for (let yi = 0; yi < Y; yi++) {
      const row = obs.row(u, years[yi]!);
      rowOf[u * Y + yi] = row;
      if (row < 0) warnAt(u, yi, -1, { code: 'missing-year', unit: obs.units[u]!, year: years[yi]! });
    }
  }
  if (options.imputed && options.imputed.size > 0) {
    // each row's (unit, period) cell, so that an imputed slot finds its cell at once
    const cellOf = new Int32Array(obs.rowCount).fill(-1);
    for (let c = 0; c < U * Y; c++) if (rowOf[c]! >= 0) cellOf[rowOf[c]!] = c;
    for (const slot of options.imputed) {
      const row = Math.floor(slot / N);
      const c = row < cellOf.length ? cellOf[row]! : -1;
      if (c >= 0) table.imputedFlags[c * N + (slot % N)] = 1;
    }
  }
  const scores = fixedBase ? undefined : crossSectionScores(obs, fw, normalise, options.scope ?? 'year', rowOf, aggregate, hasData, warnAt, years);
  // The base of each leaf: the base period's value; for annual data the base year's; for
  // half-years, quarters and months the mean of the base year's periods (all of them);
  // for cumulative spans the same span in the base year.
  const baseKeyOf = (key: number): number => (basePeriod ?? (freq === 'year' ? baseYear : freq === 'cumulative' ? periodKey(baseYear, periodOf(key, freq).sub, freq) : baseYear));
  const baseKeys = years.map(baseKeyOf);
  const averaged = basePeriod === undefined && freq !== 'year' && freq !== 'cumulative';
  const baseRows = averaged ? periodsOfYear(baseYear, freq) : [];
  const baseCaches = Array.from({ length: U }, () => new Map<number, Float64Array>());
  const baseWarned = Array.from({ length: U }, () => new Set<string>());
  /** The base values of a unit for a period's base key (NaN where undefined). */
  const baseFor = (u: number, baseKey: number): Float64Array => {
    let b = baseCaches[u]!.get(baseKey);
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
    baseCaches[u]!.set(baseKey, b);
    return b;
  };
  const aggOf = (n: number): MethodSpec => {
    if (options.aggregation) return options.aggregation;
    for (let k = n; k >= 0; k = nodes[k]!.parent) if (nodes[k]!.aggregation !== undefined) return parseSpec(nodes[k]!.aggregation!);
    return parseSpec(fw.aggregation);
  };

  // The leaves, unit by unit and period by period: a row's cells lie side by side in memory.
  const leafNodes = nodes.filter((n) => isLeaf[n.index] === 1 && hasData[n.index]).map((n) => n.index).reverse();
  const directions = Float64Array.from(nodes, (n) => n.direction);
  for (let u = 0; u < U; u++) {
    const unit = obs.units[u]!;
    // a unit's base values, looked up once per base key (annual data has one)
    let lastKey = NaN;
    let lastBase: Float64Array = EMPTY_BASE;
    for (let yi = 0; yi < Y; yi++) {
      const row = rowOf[u * Y + yi]!;
      if (row < 0) continue;
      const at = (u * Y + yi) * N;
      if (scores !== undefined) {
        for (const n of leafNodes) values[at + n] = scores[at + n]!;
        continue;
      }
      const baseKey = baseKeys[yi]!;
      if (baseKey !== lastKey) {
        lastBase = baseFor(u, baseKey);
        lastKey = baseKey;
      }
      for (let l = 0; l < leafNodes.length; l++) {
        const n = leafNodes[l]!;
        const x = data[row * N + n]!;
        const xb = lastBase[n]!;
        if (xb > 0 && x > 0) {
          // the common case, with nothing to warn about
          let v = directions[n] === 1 ? (100 * x) / xb : (100 * xb) / x;
          // 100 · x overflows near 1e308: divide first then (the base year stays exactly 100)
          if (!Number.isFinite(v)) v = directions[n] === 1 ? 100 * (x / xb) : 100 * (xb / x);
          if (Number.isFinite(v)) values[at + n] = v;
          // null, not Infinity: a ratio of extreme magnitudes overflows a double
          else warnAt(u, yi, n, { code: 'not-finite', unit, year: years[yi]!, node: nodes[n]!.id });
          continue;
        }
        const local: Warning[] = [];
        values[at + n] = leafIndex(x, xb, nodes[n]!.direction, { unit, year: years[yi]!, node: nodes[n]!.id, baseYear: baseKey, warnings: local }, baseWarned[u]!.has(`${n}|${baseKey}`));
        for (const w of local) warnAt(u, yi, n, w);
        if (!(xb > 0)) baseWarned[u]!.add(`${n}|${baseKey}`);
      }
    }
  }

  // Then the aggregates, from the leaves up. One unit-period's cell of one node:
  const chained = normalise.name === 'chain-linked';
  const aggregateCell = (n: number, u: number, yi: number, agg: MethodSpec, ws: number[]): void => {
    const node = nodes[n]!;
    const row = rowOf[u * Y + yi]!;
    if (row < 0) return;
    const at = (u * Y + yi) * N;
    const x = data[row * N + n]!;
    if (!Number.isNaN(x)) {
      values[at + n] = x;
      table.givenFlags[at + n] = 1;
      return;
    }
    if (chained) return; // chained below, from the base period out
    const unit = obs.units[u]!;
    const year = years[yi]!;
    const children = node.children;
    let sumW = 0;
    let present = 0;
    let expected = 0;
    let acc = 0;
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
      if (hasData[c]) expected++;
      const v = values[at + c]!;
      if (Number.isNaN(v)) continue;
      present++;
      sumW += ws[i]!;
      acc += ws[i]! * v;
    }
    if (present === 0) return;
    if (sumW === 0) {
      warnAt(u, yi, n, { code: 'zero-weights', unit, year, node: node.id });
      return;
    }
    let v: number;
    if (agg.name === 'arithmetic') {
      v = acc / sumW;
    } else {
      // the children present, for the other aggregations
      const xs: number[] = [];
      const cw: number[] = [];
      for (let i = 0; i < children.length; i++) {
        const x = values[at + children[i]!]!;
        if (Number.isNaN(x)) continue;
        xs.push(x);
        cw.push(ws[i]!);
      }
      if (AGGREGATIONS[agg.name]!.positive && xs.some((c) => c <= 0)) {
        warnAt(u, yi, n, { code: 'geometric-nonpositive', unit, year, node: node.id, detail: { method: specText(agg), crossSection: fixedBase || normalise.name === 'none' ? 0 : 1 } });
        return;
      }
      v = aggregateValues(agg, xs, cw);
    }
    if (present < expected) warnAt(u, yi, n, { code: 'renormalised', unit, year, node: node.id, detail: { present, expected } });
    if (Number.isFinite(v)) values[at + n] = v;
    else warnAt(u, yi, n, { code: 'not-finite', unit, year, node: node.id });
  };
  const aggregates: number[] = [];
  for (let n = N - 1; n >= 0; n--) if (isLeaf[n] !== 1) aggregates.push(n);
  /** A node's weights (kept for the method section) and its aggregation. */
  const weigh = (n: number): { ws: number[]; agg: MethodSpec } => {
    const ws = childWeights(table, n, weighting, rowOf, { randomIndex: options.ahpRandomIndex ?? 'saaty' });
    table.weightsUsed.set(n, ws);
    return { ws, agg: aggOf(n) };
  };
  if (chained || !DATA_FREE_WEIGHTS.has(weighting.name)) {
    // node by node: a node's weights may come from its children's values for every unit and period
    for (const n of aggregates) {
      const { ws, agg } = weigh(n);
      for (let u = 0; u < U; u++) for (let yi = 0; yi < Y; yi++) aggregateCell(n, u, yi, agg, ws);
      if (chained) chainNode(table, n, ws, rowOf, baseYear);
    }
  } else {
    // weights that do not depend on the data: every node of a unit-period at once, its row of cells at hand
    const weighed = aggregates.map(weigh);
    for (let u = 0; u < U; u++) {
      for (let yi = 0; yi < Y; yi++) {
        for (let k = 0; k < aggregates.length; k++) aggregateCell(aggregates[k]!, u, yi, weighed[k]!.agg, weighed[k]!.ws);
      }
    }
  }
  // the AHP matrices in framework order (they were weighed from the leaves up)
  table.weightNotes.sort((a, b) => fw.byId.get(a.node)! - fw.byId.get(b.node)!);
  if (options.allowInconsistent !== true) refuseInconsistent(table);
  keyed.sort((a, b) => a.k - b.k);
  for (const { w } of keyed) warnings.push(w);

  warnChanges(table, warnings);
  return table;
}

/** Weights that do not depend on the data: all of a unit-period's aggregates can be computed together. */
const DATA_FREE_WEIGHTS = new Set(['given', 'equal', 'ahp']);

/** Where a leaf value sits, for its warnings. */
interface LeafContext {
  unit: string;
  year: number;
  node: string;
  baseYear: number;
  warnings: Warning[];
}

/** One leaf's index against the base year, or NaN with a warning saying why. */
function leafIndex(x: number, xb: number, direction: 1 | -1, at: LeafContext, baseAlreadyWarned: boolean): number {
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

/** Warnings for changes that are undefined although the value exists. */
function warnChanges(t: IndexTable, warnings: Warning[]): void {
  const ref = t.refYear === undefined ? -1 : t.yearIdx(t.refYear)!;
  const N = t.nodeCount;
  const Y = t.years.length;
  const values = t.values;
  const at = (u: number, yi: number, n: number, detail?: Warning['detail']): Omit<Warning, 'code'> =>
    ({ unit: t.units[u]!, year: t.years[yi]!, node: t.framework.nodes[n]!.id, ...(detail ? { detail } : {}) });
  // The first year (the first year's periods) has no prior by nature; a gap is worth a warning.
  const priors = t.years.map((y, yi) => (sameLastYear(y, t.frequency) < t.years[0]! ? -2 : t.prevYear(yi)));
  for (let u = 0; u < t.units.length; u++) {
    for (let yi = 0; yi < Y; yi++) {
      const prior = priors[yi]!;
      const here = (u * Y + yi) * N;
      for (let n = 0; n < N; n++) {
        if (Number.isNaN(values[here + n]!)) continue;
        if (prior !== -2) {
          const p = prior < 0 ? NaN : values[(u * Y + prior) * N + n]!;
          if (Number.isNaN(p)) warnings.push({ code: 'missing-prior', ...at(u, yi, n) });
          else if (p === 0) warnings.push({ code: 'zero-prior', ...at(u, yi, n) });
        }
        if (ref >= 0 && ref !== yi) {
          const r = values[(u * Y + ref) * N + n]!;
          if (Number.isNaN(r)) warnings.push({ code: 'missing-ref', ...at(u, yi, n, { refYear: t.refYear! }) });
          else if (r === 0) warnings.push({ code: 'zero-ref', ...at(u, yi, n, { refYear: t.refYear! }) });
        }
      }
    }
  }
}

/** The periods of the data for messages: "2015-2018", "2015, 2017", "2018Q1-2019Q4". */
export function describePeriods(keys: number[], freq: Frequency): string {
  if (freq === 'year') return describeYears(keys);
  if (keys.length === 0) return 'no periods';
  return keys.length > 2 ? `${formatPeriod(keys[0]!, freq)}-${formatPeriod(keys[keys.length - 1]!, freq)}` : keys.map((k) => formatPeriod(k, freq)).join(', ');
}

/** "2015-2018" or "2015, 2017" for messages. */
export function describeYears(years: number[]): string {
  if (years.length === 0) return 'no years';
  if (years.length === 1 && years[0] === 0) return 'one period and no year column';
  const consecutive = years.every((y, i) => i === 0 || y === years[i - 1]! + 1);
  return consecutive && years.length > 2 ? `${years[0]}-${years[years.length - 1]}` : years.join(', ');
}
