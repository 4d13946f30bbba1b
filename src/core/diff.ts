// Rank changes between two sides (two years of one file, or one year of two
// files), units matched by their normalised name. Pure.
import type { IndexTable } from './compute.js';
import { pctChange } from './compute.js';

/** One side of a diff: a table, the year shown and the node ranked. */
export interface DiffSide {
  table: IndexTable;
  label: string;
  year: number;
  node: number;
}

/** How a unit moved. Aggregates are listed but neither ranked nor counted. */
export type UnitStatus = 'up' | 'down' | 'same' | 'new' | 'dropped' | 'aggregate';

/** One unit's line in a diff. */
export interface UnitDiff {
  unit: string;
  status: UnitStatus;
  rankFrom: number | null;
  rankTo: number | null;
  /** rankFrom - rankTo: positive means the unit moved up. */
  rankChange: number | null;
  valueFrom: number | null;
  valueTo: number | null;
  changePoints: number | null;
  changePct: number | null;
}

/** The whole diff. */
export interface RankDiff {
  node: string;
  from: { label: string; year: number };
  to: { label: string; year: number };
  summary: Record<'up' | 'down' | 'same' | 'new' | 'dropped', number>;
  units: UnitDiff[];
  /** Whether any rank or value differs (for --exit-code). */
  changed: boolean;
}

/** A unit's rank and value on one side, by name. */
function lookup(side: DiffSide): Map<string, { rank: number | null; value: number | null; aggregate: boolean }> {
  const yi = side.table.yearIdx(side.year)!;
  return new Map(side.table.units.map((name, u) => [name, { rank: side.table.rank(u, yi, side.node), value: side.table.value(u, yi, side.node), aggregate: side.table.aggregate[u]! }]));
}

/** Compares the ranking of two sides. */
export function diffRanks(from: DiffSide, to: DiffSide): RankDiff {
  const a = lookup(from);
  const b = lookup(to);
  const names = [...a.keys(), ...[...b.keys()].filter((n) => !a.has(n))];
  const summary = { up: 0, down: 0, same: 0, new: 0, dropped: 0 };
  let changed = false;
  const units: UnitDiff[] = names.map((unit) => {
    const x = a.get(unit);
    const y = b.get(unit);
    const rankFrom = x?.rank ?? null;
    const rankTo = y?.rank ?? null;
    const valueFrom = x?.value ?? null;
    const valueTo = y?.value ?? null;
    let status: UnitStatus;
    // A unit counts on a side where it has a value: without one it is new (before) or dropped (after).
    if (x?.aggregate || y?.aggregate) status = 'aggregate';
    else if (valueFrom === null && valueTo === null) status = 'same';
    else if (valueFrom === null) status = 'new';
    else if (valueTo === null) status = 'dropped';
    else status = rankFrom! > rankTo! ? 'up' : rankFrom! < rankTo! ? 'down' : 'same';
    if (status !== 'aggregate') summary[status]++;
    if (rankFrom !== rankTo || valueFrom !== valueTo) changed = true;
    return {
      unit, status, rankFrom, rankTo,
      rankChange: rankFrom !== null && rankTo !== null ? rankFrom - rankTo : null,
      valueFrom, valueTo,
      changePoints: valueFrom !== null && valueTo !== null ? valueTo - valueFrom : null,
      changePct: pctChange(valueTo, valueFrom),
    };
  });
  const order = new Map(names.map((n, i) => [n, i]));
  const group = (s: UnitStatus): number => (s === 'aggregate' ? 0 : s === 'new' ? 2 : s === 'dropped' ? 3 : 1);
  units.sort((p, q) =>
    group(p.status) - group(q.status) ||
    Math.abs(q.rankChange ?? 0) - Math.abs(p.rankChange ?? 0) ||
    (p.rankTo ?? p.rankFrom ?? Infinity) - (q.rankTo ?? q.rankFrom ?? Infinity) ||
    order.get(p.unit)! - order.get(q.unit)!);
  return {
    node: from.table.framework.nodes[from.node]!.id,
    from: { label: from.label, year: from.year },
    to: { label: to.label, year: to.year },
    summary,
    units,
    changed,
  };
}
