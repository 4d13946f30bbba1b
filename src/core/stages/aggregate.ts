// Stage 5, aggregation: the inner nodes from the leaves up, each cell the
// weighted mean (arithmetic, geometric, harmonic, power, MPI: methods.ts) of
// its children present, weights renormalised over them; a value given in the
// data is taken as it is; chain-linked runs link each node year to year.
import { SmeiError } from '../../errors.js';
import { nodeLabel, type Framework } from '../../framework/types.js';
import { AGGREGATIONS, aggregateValues, crossSectional, parseSpec, specText, type MethodSpec } from '../methods.js';
import type { IndexTable } from '../table.js';
import { chainNode } from '../weigh.js';
import type { CellWarnings } from './cells.js';
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
export function aggregateTree(t: IndexTable, rowOf: Int32Array, warn: CellWarnings, randomIndex: Parameters<typeof weighNode>[3], nonPositiveMeans: 'refuse' | 'missing' = 'refuse'): void {
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
  const crossSection = crossSectional(normalise) ? 1 : 0;
  // a mean that needs positive children (geometric, harmonic, power with P < 0) meeting one that is not:
  // refused, every such cell named at once (as COINr's a_gmean and a_hmean stop), unless the caller asks for missing cells
  const refuse = nonPositiveMeans === 'refuse';
  const nonPositive: NonPositive[] = [];
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
        if (refuse) {
          const k = children.findIndex((c) => values[at + c]! <= 0);
          nonPositive.push({ u, yi, n, child: children[k]!, value: values[at + children[k]!]!, method: specText(agg) });
        } else warn.at(u, yi, n, { code: 'geometric-nonpositive', unit, year, node: node.id, detail: { method: specText(agg), crossSection } });
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
  if (nonPositive.length > 0) refuseNonPositive(t, nonPositive);
}

/** A cell whose aggregation needs positive children and has one that is not (the first such child). */
interface NonPositive { u: number; yi: number; n: number; child: number; value: number; method: string }

/**
 * Refuses a run where a geometric, harmonic or power (P < 0) mean meets a
 * child score of 0 or less: the mean is undefined there, and leaving the node
 * out would rank the unit on its other nodes. Names every such cell (the
 * first 10 and how many), as COINr's a_gmean and a_hmean stop, and what to do.
 */
function refuseNonPositive(t: IndexTable, cells: NonPositive[]): never {
  const nodes = t.framework.nodes;
  const units = t.observations.units;
  const methods = [...new Set(cells.map((c) => c.method))].join(', ');
  const zhName = (m: string): string => (m === 'geometric' ? '几何' : m === 'harmonic' ? '调和' : `幂（${m}）`);
  const methodsZh = [...new Set(cells.map((c) => c.method))].map(zhName).join('、');
  const shown = cells.slice(0, 10);
  const more = cells.length - shown.length;
  const num = (x: number): string => String(Number(x.toPrecision(6)));
  // a file of one period without a period column has no period to name
  const when = (yi: number, lang: 'zh' | 'en'): string => (t.years[yi] === 0 ? '' : ` ${t.periodLabel(t.years[yi]!, lang)}`);
  const en = shown.map((c) => `${units[c.u]}${when(c.yi, 'en')} ${nodeLabel(nodes[c.n]!, 'en')} (${nodeLabel(nodes[c.child]!, 'en')} = ${num(c.value)})`);
  const zh = shown.map((c) => `${units[c.u]}${when(c.yi, 'zh')} ${nodeLabel(nodes[c.n]!, 'zh')}（${nodeLabel(nodes[c.child]!, 'zh')} = ${num(c.value)}）`);
  const crossSection = crossSectional(t.record.leaves.normalise);
  const fixEn = crossSection ? 'Normalise to scores above 0 (--normalise min-max:1,100, as COINr users do) or aggregate with --aggregation arithmetic.' : 'Check those values (an index of 0 means a value of 0 in the period), or aggregate with --aggregation arithmetic.';
  const fixZh = crossSection ? '请把得分标准化到 0 以上（--normalise min-max:1,100，COINr 用户的做法），或使用 --aggregation arithmetic。' : '请核对这些数值（指数为 0 即该期数值为 0），或使用 --aggregation arithmetic。';
  throw new SmeiError('data', `the ${methods} mean is undefined where a child's score is 0 or below, in ${cells.length} cell${cells.length === 1 ? '' : 's'}: ${en.join('; ')}${more > 0 ? `; and ${more} more` : ''}. Leaving those nodes out would rank the units on their other nodes. ${fixEn}`, {
    zh: `${methodsZh}平均要求各下级得分大于 0，有 ${cells.length} 处不满足，无法计算：${zh.join('；')}${more > 0 ? `；另有 ${more} 处` : ''}。若略去这些节点，地区将只按其余节点排名。${fixZh}`,
  });
}
