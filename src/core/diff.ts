// Rank changes between two sides (two years of one file, or one year of two
// files), units matched by their normalised name; and, for two files, every
// value of the data compared cell by cell (a revision check). Pure.
import { SmeiError } from '../errors.js';
import { EQUAL_TOLERANCE, sameValue } from './equal.js';
import type { IndexTable } from './compute.js';
import { competitionRanks, pctChange } from './compute.js';
import { formatPeriod, periodOf } from '../time/period.js';
import type { FrameworkNode } from '../framework/types.js';

/** One side of a diff: a table, the year shown and the node ranked. */
export interface DiffSide {
  table: IndexTable;
  label: string;
  year: number;
  node: number;
}

/**
 * How a unit moved. `changed`: (revisions only) the same rank, another value.
 * Aggregates are listed but neither ranked nor counted.
 */
export type UnitStatus = 'up' | 'down' | 'same' | 'changed' | 'new' | 'dropped' | 'aggregate';

/** The statuses that are counted in a summary. */
export const COUNTED_STATUSES = ['up', 'down', 'same', 'changed', 'new', 'dropped'] as const;

/** One unit's line in a diff. */
export interface UnitDiff {
  unit: string;
  status: UnitStatus;
  rankFrom: number | null;
  rankTo: number | null;
  /**
   * The rise in rank, positive up: rankFrom − rankTo; or, where some unit is
   * ranked on one side only, comparableFrom − comparableTo.
   */
  rankChange: number | null;
  /** Where some unit is ranked on one side only: the ranks among the units ranked on both sides. */
  comparableFrom?: number;
  comparableTo?: number;
  valueFrom: number | null;
  valueTo: number | null;
  changePoints: number | null;
  changePct: number | null;
}

/** One data cell that a revision added, dropped or changed. */
export interface CellDiff {
  unit: string;
  /** The period's key (the year itself for annual data). */
  year: number;
  /** The period as JSON and CSV write it: 2018, 2025Q1, 2024H2. */
  period: string;
  node: string;
  status: 'changed' | 'added' | 'dropped';
  old: number | null;
  new: number | null;
  /** new - old, or null when either is missing. */
  change: number | null;
}

/** What a revision did to the data: cells, and whole units and years. */
export interface RevisionDiff {
  tolerance: number;
  /**
   * Nodes given on one side only (index points on one, raw indicators on the
   * other: a published table against the data), whose cells are not listed
   * as added and dropped one by one; every node when the two share none.
   */
  nodesOneSide: { from: string[]; to: string[] };
  /**
   * Index points (the index, a module) given on one side only, compared cell
   * by cell with what the other side's data computes for them: last year's
   * results against this year's data (a revision of history shows there).
   */
  againstComputed: { from: string[]; to: string[] };
  cells: CellDiff[];
  unitsAdded: string[];
  unitsDropped: string[];
  yearsAdded: number[];
  yearsDropped: number[];
}

/** The whole diff. */
export interface RankDiff {
  node: string;
  from: { label: string; year: number; period: string };
  to: { label: string; year: number; period: string };
  summary: Record<(typeof COUNTED_STATUSES)[number], number>;
  units: UnitDiff[];
  /** Where some unit is ranked on one side only: how many are ranked on both (their ranks among themselves give the changes) and which on one side. */
  comparable?: { units: number; oneSide: string[] };
  /** Two files only: every cell of the data compared. */
  revision?: RevisionDiff;
  /**
   * A side whose values were read as published, rounded to `decimals`
   * places (118.72), against one with more: values within half its last
   * place (0.005) count as the same.
   */
  rounded?: { label: string; decimals: number };
  /** The header of the data's column of unit names (行业), for what the document calls the units. */
  unitHeader?: string;
  /** Whether any rank or value differs, or (two files) any cell, unit or year (for --exit-code). */
  changed: boolean;
}

/** Whether two values differ by more than a relative tolerance and, where a side was published rounded, by more than `half` its last place. */
export function differs(a: number, b: number, tolerance = EQUAL_TOLERANCE, half = 0): boolean {
  return !sameValue(a, b, tolerance) && !(Math.abs(a - b) <= half);
}

/** Decimal places of a number as written shortest (118.72: 2; 100: 0; 1e-7: 7). */
function placesOf(v: number): number {
  const text = String(Math.abs(v));
  const e = text.indexOf('e-');
  if (e >= 0) return Number(text.slice(e + 2)) + Math.max(0, (text.slice(0, e).split('.')[1] ?? '').length);
  return (text.split('.')[1] ?? '').length;
}

/**
 * The decimal places of a side's values as published: every value of the
 * node in the period read as given (not computed from indicators), none
 * with more than 4 places; undefined otherwise.
 */
function publishedDecimals(side: DiffSide): number | undefined {
  const t = side.table;
  const yi = t.yearIdx(side.year)!;
  let most = -1;
  for (let u = 0; u < t.units.length; u++) {
    const v = t.value(u, yi, side.node);
    if (v === null) continue;
    if (!t.given(u, yi, side.node)) return undefined;
    most = Math.max(most, placesOf(v));
  }
  return most < 0 || most > 4 ? undefined : most;
}

/** A unit's rank and value on one side, by name. */
function lookup(side: DiffSide): Map<string, { rank: number | null; value: number | null; aggregate: boolean }> {
  const yi = side.table.yearIdx(side.year)!;
  return new Map(side.table.units.map((name, u) => [name, { rank: side.table.rank(u, yi, side.node), value: side.table.value(u, yi, side.node), aggregate: side.table.aggregate[u]! }]));
}

/**
 * Compares the ranking of two sides. With `revision` (two files), a unit whose
 * rank stayed but whose value moved beyond `tolerance` is `changed`, and
 * every cell of the data is compared.
 */
export function diffRanks(from: DiffSide, to: DiffSide, options: { revision?: boolean; tolerance?: number } = {}): RankDiff {
  const tolerance = options.tolerance ?? EQUAL_TOLERANCE;
  refuseTiedSide(from, to);
  const a = lookup(from);
  const b = lookup(to);
  // a published table (values rounded to 2 places, as read) against the data's unrounded values: equal within half its last place
  const places = [publishedDecimals(from), publishedDecimals(to)];
  const coarse = places[0] === undefined ? places[1] : places[1] === undefined ? places[0] : Math.min(places[0], places[1]);
  const rounded = coarse !== undefined && places[0] !== places[1] ? { label: coarse === places[0] ? from.label : to.label, decimals: coarse } : undefined;
  const half = rounded === undefined ? 0 : 0.5 * 10 ** -rounded.decimals * (1 + 1e-9);
  const names = [...a.keys(), ...[...b.keys()].filter((n) => !a.has(n))];
  const summary = { up: 0, down: 0, same: 0, changed: 0, new: 0, dropped: 0 };
  let changed = false;
  const units: UnitDiff[] = names.map((unit) => {
    const x = a.get(unit);
    const y = b.get(unit);
    const rankFrom = x?.rank ?? null;
    const rankTo = y?.rank ?? null;
    const valueFrom = x?.value ?? null;
    const valueTo = y?.value ?? null;
    const valueMoved = valueFrom !== null && valueTo !== null && differs(valueFrom, valueTo, tolerance, half);
    let status: UnitStatus;
    // A unit counts on a side where it has a value: without one it is new (before) or dropped (after).
    if (x?.aggregate || y?.aggregate) status = 'aggregate';
    else if (valueFrom === null && valueTo === null) status = 'same';
    else if (valueFrom === null) status = 'new';
    else if (valueTo === null) status = 'dropped';
    else if (rankFrom! > rankTo!) status = 'up';
    else if (rankFrom! < rankTo!) status = 'down';
    else status = options.revision && valueMoved ? 'changed' : 'same';
    if (status !== 'aggregate') summary[status]++;
    if (rankFrom !== rankTo || (valueFrom === null) !== (valueTo === null) || valueMoved) changed = true;
    return {
      unit, status, rankFrom, rankTo,
      rankChange: rankFrom !== null && rankTo !== null ? rankFrom - rankTo : null,
      valueFrom, valueTo,
      changePoints: valueFrom !== null && valueTo !== null ? valueTo - valueFrom : null,
      changePct: pctChange(valueTo, valueFrom),
    };
  });
  // A unit ranked on one side only moves the others' ranks by its place (a county 1st last quarter and late this
  // quarter lifts every other by one): the rank changes and statuses are then those among the units ranked on
  // both sides, ranked again among themselves; the ranks shown stay each side's own.
  const both = units.filter((x) => x.status !== 'aggregate' && x.rankFrom !== null && x.rankTo !== null);
  const only = units.filter((x) => x.status !== 'aggregate' && (x.rankFrom === null) !== (x.rankTo === null) && (x.rankFrom ?? x.rankTo) !== null);
  if (only.length > 0 && both.length > 0) {
    const from = competitionRanks(Float64Array.from(both, (x) => x.valueFrom!), () => true);
    const to = competitionRanks(Float64Array.from(both, (x) => x.valueTo!), () => true);
    both.forEach((x, i) => {
      x.rankChange = from[i]! - to[i]!;
      x.comparableFrom = from[i]!;
      x.comparableTo = to[i]!;
      const was = x.status;
      x.status = x.rankChange > 0 ? 'up' : x.rankChange < 0 ? 'down' : options.revision && x.valueFrom !== null && x.valueTo !== null && differs(x.valueFrom, x.valueTo, tolerance, half) ? 'changed' : 'same';
      summary[was as (typeof COUNTED_STATUSES)[number]]--;
      summary[x.status as (typeof COUNTED_STATUSES)[number]]++;
    });
  }
  const order = new Map(names.map((n, i) => [n, i]));
  const group = (s: UnitStatus): number => (s === 'aggregate' ? 0 : s === 'new' ? 2 : s === 'dropped' ? 3 : 1);
  units.sort((p, q) =>
    group(p.status) - group(q.status) ||
    Math.abs(q.rankChange ?? 0) - Math.abs(p.rankChange ?? 0) ||
    (p.rankTo ?? p.rankFrom ?? Infinity) - (q.rankTo ?? q.rankFrom ?? Infinity) ||
    order.get(p.unit)! - order.get(q.unit)!);
  const diff: RankDiff = {
    node: from.table.framework.nodes[from.node]!.id,
    from: { label: from.label, year: periodOf(from.year, from.table.frequency).year, period: formatPeriod(from.year, from.table.frequency) },
    to: { label: to.label, year: periodOf(to.year, to.table.frequency).year, period: formatPeriod(to.year, to.table.frequency) },
    summary,
    units,
    changed,
    ...(only.length > 0 && both.length > 0 ? { comparable: { units: both.length, oneSide: only.map((x) => x.unit) } } : {}),
    ...(rounded !== undefined ? { rounded } : {}),
    ...((from.table.observations.unitHeader ?? to.table.observations.unitHeader) !== undefined ? { unitHeader: from.table.observations.unitHeader ?? to.table.observations.unitHeader } : {}),
  };
  if (options.revision) {
    // (a published side's rounding holds for its cells too: index points given to 2 places)
    const revision = diffCells(from.table, to.table, tolerance, half);
    diff.revision = revision;
    if (revision.cells.length + revision.unitsAdded.length + revision.unitsDropped.length + revision.yearsAdded.length + revision.yearsDropped.length > 0) diff.changed = true;
  }
  return diff;
}

/**
 * Refuses a rank comparison where one side's units all tie and the other's do
 * not: the base period of a fixed-base index (every unit 100) against a later
 * one would show every unit but the first falling.
 */
function refuseTiedSide(from: DiffSide, to: DiffSide): void {
  const tied = (s: DiffSide): boolean => s.table.allTied(s.table.yearIdx(s.year)!, s.node);
  const a = tied(from);
  if (a === tied(to)) return;
  const side = a ? from : to;
  const t = side.table;
  const base = t.record.leaves.normalise.name === 'fixed-base';
  const en = t.periodLabel(side.year, 'en');
  const zh = t.periodLabel(side.year, 'zh');
  throw new SmeiError('usage', `${side.label}, ${en}: every unit ties on ${t.framework.nodes[side.node]!.id} (${base ? 'the base period: every index is 100' : 'the same value'}), so ranks cannot move from or to it. Compare two later periods (--from and --to).`, {
    zh: `${side.label}，${zh}：各地区的${t.framework.nodes[side.node]!.zh || t.framework.nodes[side.node]!.id}并列（${base ? '基期指数均为100' : '数值相同'}），没有排名变化可比。请比较基期之后的两期（--from、--to）。`,
  });
}

/**
 * Compares every (unit, year, node) value as read from two files (raw
 * indicator values and given index points): cells added, dropped, or changed
 * beyond a relative tolerance. Units and years on one side only are listed
 * whole, their cells not repeated. In unit, year and framework order.
 */
export function diffCells(a: IndexTable, b: IndexTable, tolerance: number, half = 0): RevisionDiff {
  const unitsA = new Map(a.units.map((n, u) => [n, u]));
  const unitsB = new Map(b.units.map((n, u) => [n, u]));
  const yearsB = new Set(b.years);
  const yearsA = new Set(a.years);
  const cells: CellDiff[] = [];
  // the nodes each side gives anywhere: a node given on one side only (index points against raw indicators) is named once, not cell by cell
  const given = (t: IndexTable): boolean[] => {
    const has = t.framework.nodes.map(() => false);
    for (let u = 0; u < t.units.length; u++) for (let yi = 0; yi < t.years.length; yi++) for (const n of t.framework.nodes) if (!has[n.index] && t.observed(u, yi, n.index) !== null) has[n.index] = true;
    return has;
  };
  const inA = given(a);
  const inB = given(b);
  const nodes = a.framework.nodes.filter((n) => inA[n.index] && inB[n.index]);
  // an inner node's points given on one side only are compared with the other side's computed values; a leaf
  // (a raw indicator) given on one side only has nothing to compare with
  const oneSide = (given: boolean[], other: boolean[]): FrameworkNode[] => a.framework.nodes.filter((n) => given[n.index] && !other[n.index]);
  const inner = (n: FrameworkNode): boolean => n.children.length > 0;
  const fromOnly = oneSide(inA, inB);
  const toOnly = oneSide(inB, inA);
  const nodesOneSide = { from: fromOnly.filter((n) => !inner(n)).map((n) => n.id), to: toOnly.filter((n) => !inner(n)).map((n) => n.id) };
  const againstComputed = { from: fromOnly.filter(inner).map((n) => n.id), to: toOnly.filter(inner).map((n) => n.id) };
  /** The value a side gives for a cell: as read, or, for points the other side alone gives, as computed. */
  const read = (t: IndexTable, u: number, yi: number, n: FrameworkNode, computed: boolean): number | null => (computed ? t.value(u, yi, n.index) : t.observed(u, yi, n.index));
  const compared = [...nodes.map((n) => ({ n, a: false, b: false })), ...fromOnly.filter(inner).map((n) => ({ n, a: false, b: true })), ...toOnly.filter(inner).map((n) => ({ n, a: true, b: false }))].sort((x, y) => x.n.index - y.n.index);
  const years = a.years.filter((y) => yearsB.has(y));
  for (const [name, ua] of unitsA) {
    const ub = unitsB.get(name);
    if (ub === undefined) continue;
    for (const year of years) {
      const ya = a.yearIdx(year)!;
      const yb = b.yearIdx(year)!;
      for (const c of compared) {
        const n = c.n;
        const x = read(a, ua, ya, n, c.a);
        const y = read(b, ub, yb, n, c.b);
        if (x === null && y === null) continue;
        // a computed value the other side does not give (or cannot be computed) is no revision of it
        if ((c.a || c.b) && (x === null || y === null)) continue;
        if (x !== null && y !== null && !differs(x, y, tolerance, half)) continue;
        const status = x === null ? 'added' : y === null ? 'dropped' : 'changed';
        cells.push({ unit: name, year, period: formatPeriod(year, b.frequency), node: n.id, status, old: x, new: y, change: x !== null && y !== null ? y - x : null });
      }
    }
  }
  return {
    tolerance,
    nodesOneSide,
    againstComputed,
    cells,
    unitsAdded: b.units.filter((n) => !unitsA.has(n)),
    unitsDropped: a.units.filter((n) => !unitsB.has(n)),
    yearsAdded: b.years.filter((y) => !yearsA.has(y)),
    yearsDropped: a.years.filter((y) => !yearsB.has(y)),
  };
}
