// Stage 5, aggregation: the inner nodes from the leaves up, each cell the
// weighted mean (arithmetic, geometric, harmonic, power, MPI: methods.ts) of
// its children present, weights renormalised over them; a value given in the
// data is taken as it is; chain-linked runs link each node year to year.
import type { Framework } from '../../framework/types.js';
import { AGGREGATIONS, aggregateValues, parseSpec, specText, type MethodSpec } from '../methods.js';
import type { IndexTable } from '../table.js';
import { chainNode } from '../weigh.js';
import type { CellWarnings } from './cells.js';
import { againstBase } from './periods.js';
import { weighNode, weightsNeedData } from './weights.js';

/** The aggregation a node uses: the run's override, else its own or its nearest ancestor's, else the framework's. */
export function aggregationOf(fw: Framework, n: number, override: MethodSpec | undefined): MethodSpec {
  if (override) return override;
  const nodes = fw.nodes;
  for (let k = n; k >= 0; k = nodes[k]!.parent) if (nodes[k]!.aggregation !== undefined) return parseSpec(nodes[k]!.aggregation!);
  return parseSpec(fw.aggregation);
}

/**
 * Computes every inner node for every unit and period, weighing each node
 * (weights stage) before its cells: node by node when the weights come from
 * the children's values or the run is chain-linked, else every node of a
 * unit-period at once, its row of cells at hand.
 */
export function aggregateTree(t: IndexTable, rowOf: Int32Array, warn: CellWarnings, randomIndex: Parameters<typeof weighNode>[3]): void {
  const fw = t.framework;
  const nodes = fw.nodes;
  const obs = t.observations;
  const years = t.years;
  const N = nodes.length;
  const U = t.units.length;
  const Y = years.length;
  const data = obs.data;
  const values = t.values;
  const hasData = t.nodeHasData;
  const normalise = t.record.leaves.normalise;
  const chained = normalise.name === 'chain-linked';
  const crossSection = againstBase(normalise) || normalise.name === 'none' ? 0 : 1;
  // One unit-period's cell of one node:
  const aggregateCell = (n: number, u: number, yi: number, agg: MethodSpec, ws: number[]): void => {
    const node = nodes[n]!;
    const row = rowOf[u * Y + yi]!;
    if (row < 0) return;
    const at = (u * Y + yi) * N;
    const x = data[row * N + n]!;
    if (!Number.isNaN(x)) {
      values[at + n] = x;
      t.givenFlags[at + n] = 1;
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
      warn.at(u, yi, n, { code: 'zero-weights', unit, year, node: node.id });
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
        const c = values[at + children[i]!]!;
        if (Number.isNaN(c)) continue;
        xs.push(c);
        cw.push(ws[i]!);
      }
      if (AGGREGATIONS[agg.name]!.positive && xs.some((c) => c <= 0)) {
        warn.at(u, yi, n, { code: 'geometric-nonpositive', unit, year, node: node.id, detail: { method: specText(agg), crossSection } });
        return;
      }
      v = aggregateValues(agg, xs, cw);
    }
    if (present < expected) warn.at(u, yi, n, { code: 'renormalised', unit, year, node: node.id, detail: { present, expected } });
    if (Number.isFinite(v)) values[at + n] = v;
    else warn.at(u, yi, n, { code: 'not-finite', unit, year, node: node.id });
  };
  const inner: number[] = [];
  for (let n = N - 1; n >= 0; n--) if (nodes[n]!.children.length > 0) inner.push(n);
  const override = t.record.aggregation.method;
  /** A node's weights (kept in the record) and its aggregation. */
  const weigh = (n: number): { ws: number[]; agg: MethodSpec } => ({ ws: weighNode(t, n, rowOf, randomIndex), agg: aggregationOf(fw, n, override) });
  if (chained || weightsNeedData(t.record.weights.method)) {
    // node by node: a node's weights may come from its children's values for every unit and period
    for (const n of inner) {
      const { ws, agg } = weigh(n);
      for (let u = 0; u < U; u++) for (let yi = 0; yi < Y; yi++) aggregateCell(n, u, yi, agg, ws);
      if (chained) chainNode(t, n, ws, rowOf, t.baseYear);
    }
  } else {
    // weights that do not depend on the data: every node of a unit-period at once, its row of cells at hand
    const weighed = inner.map(weigh);
    for (let u = 0; u < U; u++) {
      for (let yi = 0; yi < Y; yi++) {
        for (let k = 0; k < inner.length; k++) aggregateCell(inner[k]!, u, yi, weighed[k]!.agg, weighed[k]!.ws);
      }
    }
  }
}
