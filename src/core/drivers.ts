// Drivers: how much each child (and grandchild) of a node contributed to its
// change since the previous year. Contributions add up to the change: exactly
// for arithmetic means, and by log shares for geometric ones.
import type { IndexTable } from './compute.js';

/** One node's share of a change. */
export interface Contribution {
  /** The node id, or null for the reweighting remainder. */
  node: string | null;
  /** Index points of the parent's change. */
  points: number;
  /** Percentage points of the parent's YoY rate. */
  pctPoints: number;
}

/** A node's change since the previous year, split by children (and grandchildren). */
export interface Decomposition {
  node: string;
  from: number;
  to: number;
  change: number;
  yoyPct: number;
  /** Contributions of the children, each with its own children's where it can be split. */
  children: (Contribution & { parts: Contribution[] })[];
  /** What the children do not account for: changes in which children are present. */
  remainder: number;
}

/**
 * Splits the change of `node` for unit `u` between year index `yi` and the
 * previous calendar year. Null when either value is undefined, a value was
 * given (not computed), or the node has no children. `withParts` false
 * leaves each child's own parts out (empty): a report ranks every unit by
 * its children's contributions and shows the parts of one, and 6,000 units
 * of 1,000 indicators made 500 MB of parts.
 */
export function decompose(t: IndexTable, u: number, yi: number, node: number, withParts = true): Decomposition | null {
  const py = t.prevYear(yi);
  if (py < 0) return null;
  const to = t.value(u, yi, node);
  const from = t.value(u, py, node);
  if (to === null || from === null || from === 0) return null;
  if (t.given(u, yi, node) || t.given(u, py, node)) return null;
  const fw = t.framework;
  if (fw.nodes[node]!.children.length === 0) return null;
  const geometric = fw.aggregation === 'geometric';
  const change = to - from;
  // The scale that turns a weighted log ratio into points: the logarithmic mean of from and to.
  const logScale = from === to ? from : change / Math.log(to / from);

  /** Each child present in both years with its normalised weight (this year's weights). */
  const parts = (n: number): { c: number; w: number }[] => {
    const present = fw.nodes[n]!.children.filter((c) => t.value(u, yi, c) !== null && t.value(u, py, c) !== null);
    const all = fw.nodes[n]!.children.filter((c) => t.value(u, yi, c) !== null);
    const sum = all.reduce((s, c) => s + fw.nodes[c]!.weight, 0);
    return present.map((c) => ({ c, w: fw.nodes[c]!.weight / sum }));
  };
  /** The points a descendant contributes, given the product of normalised weights down to it. */
  const points = (c: number, weight: number): number => {
    const a = t.value(u, yi, c)!;
    const b = t.value(u, py, c)!;
    return geometric ? logScale * weight * Math.log(a / b) : weight * (a - b);
  };
  /** Whether a child's own children explain it (computed in both years from the same children). */
  const splittable = (c: number): boolean =>
    fw.nodes[c]!.children.length > 0 && !t.given(u, yi, c) && !t.given(u, py, c) &&
    fw.nodes[c]!.children.every((g) => (t.value(u, yi, g) === null) === (t.value(u, py, g) === null));

  const children = parts(node).map(({ c, w }) => {
    const p = points(c, w);
    const sub = withParts && splittable(c) ? parts(c).map(({ c: g, w: wg }) => {
      const gp = points(g, w * wg);
      return { node: fw.nodes[g]!.id, points: gp, pctPoints: (gp / from) * 100 };
    }) : [];
    return { node: fw.nodes[c]!.id, points: p, pctPoints: (p / from) * 100, parts: sub };
  });
  const explained = children.reduce((s, c) => s + c.points, 0);
  return { node: fw.nodes[node]!.id, from, to, change, yoyPct: (to / from - 1) * 100, children, remainder: change - explained };
}
