// The methods that look across units, used by the stages of computeIndex:
// cross-sectional scores of the leaves (stages/leaves.ts), data-driven weights
// of a node's children (stages/weights.ts), and chain-linking (stages/aggregate.ts). Pure.
import { SmeiError } from '../errors.js';
import type { Framework } from '../framework/types.js';
import type { Observations } from './observations.js';
import type { Warning } from './types.js';
import type { IndexTable } from './table.js';
import { ahpWeights, criticWeights, cvWeights, entropyWeights, minMaxColumns, normaliseValues, pcaWeights, type MethodSpec, type RandomIndexTable } from './methods.js';

/**
 * Leaf scores of a cross-sectional normalisation, in the table's slot layout:
 * within each period (scope year) or over the whole panel (scope panel). The
 * statistics come from the units that are not totals rows; every unit is scored.
 */
export function crossSectionScores(obs: Observations, fw: Framework, m: MethodSpec, scope: 'year' | 'panel', rowOf: Int32Array, aggregate: boolean[], hasData: boolean[], warnAt: (u: number, yi: number, n: number, w: Warning) => void, years: number[], into?: Float64Array): Float64Array {
  const N = fw.nodes.length;
  const U = obs.units.length;
  const Y = years.length;
  // the scores, by (unit, period, node) slot; written straight into the caller's table of values where it gives
  // one (NaN wherever no score is written: a copy of the size of the whole table is fresh memory a panel pays for)
  const out = into ?? new Float64Array(U * Y * N).fill(NaN);
  const leaves = fw.nodes.filter((n) => n.children.length === 0 && hasData[n.index]);
  if (m.name === 'goalposts' || m.name === 'distance-to-target') {
    const lacking = leaves.filter((n) => (m.name === 'goalposts' ? n.lower === undefined || n.upper === undefined : n.target === undefined)).map((n) => n.id);
    if (lacking.length > 0) throw new SmeiError('usage', `--normalise ${m.name}: ${lacking.length} indicator${lacking.length === 1 ? '' : 's'} without ${m.name === 'goalposts' ? '"lower" and "upper"' : 'a "target"'} in the framework: ${lacking.slice(0, 12).join(', ')}${lacking.length > 12 ? ', ...' : ''}. Give them in the framework (a table's lower/upper/target columns).`, { zh: `--normalise ${m.name}：框架中有 ${lacking.length} 个指标没有${m.name === 'goalposts' ? ' "lower" 和 "upper"' : ' "target"'}：${lacking.slice(0, 12).join(', ')}${lacking.length > 12 ? '等' : ''}。请在框架中给出（框架表的 lower/upper/target 列）。` });
  }
  const groups: number[][] = scope === 'panel' ? [years.map((_, i) => i)] : years.map((_, i) => [i]);
  const data = obs.data;
  const L = leaves.length;
  const NO = obs.nodeCount;
  for (const yis of groups) {
    // the scope's cells (unit by unit within each period): where each is read from and written to; then leaf by
    // leaf, its column read out, scored and written back (no copy of the whole scope's table)
    let C = 0;
    for (const yi of yis) for (let u = 0; u < U; u++) if (rowOf[u * Y + yi]! >= 0 && !aggregate[u]) C++;
    const from = new Int32Array(C);
    const to = new Int32Array(C);
    let firstU = -1;
    let firstYi = -1;
    let c = 0;
    for (const yi of yis) {
      for (let u = 0; u < U; u++) {
        const row = rowOf[u * Y + yi]!;
        if (row < 0 || aggregate[u]) continue; // a totals row is not scored among its parts (the aggregate-unscored note)
        if (c === 0) {
          firstU = u;
          firstYi = yi;
        }
        from[c] = row * NO;
        to[c] = (u * Y + yi) * N;
        c++;
      }
    }
    const col = new Float64Array(C);
    const scratch = { out: new Float64Array(C), v: new Float64Array(C), kept: new Float64Array(C) };
    for (let l = 0; l < L; l++) {
      const node = leaves[l]!;
      const n = node.index;
      for (let k = 0; k < C; k++) col[k] = data[from[k]! + n]!;
      const { scores, constant } = normaliseValues(m, col, { direction: node.direction, ...(node.lower !== undefined ? { lower: node.lower } : {}), ...(node.upper !== undefined ? { upper: node.upper } : {}), ...(node.target !== undefined ? { target: node.target } : {}) }, undefined, scratch);
      if (constant && C > 0) warnAt(firstU, firstYi, n, { code: 'constant', year: scope === 'panel' ? undefined as unknown as number : years[yis[0]!]!, node: node.id });
      for (let k = 0; k < C; k++) out[to[k]! + n] = scores[k]!;
    }
  }
  return out;
}

/** The rows (unit, period) of non-totals units where every child with data has a value, as columns per child. */
function completeColumns(t: IndexTable, parent: number, rowOf: Int32Array, raw: boolean): { cols: number[][]; children: number[] } {
  const fw = t.framework;
  const N = fw.nodes.length;
  const Y = t.years.length;
  const children = fw.nodes[parent]!.children.filter((c) => t.nodeHasData[c]);
  const cols: number[][] = children.map(() => []);
  // where each child's value is read: the raw data (a leaf, for raw methods) or the computed values
  const K = children.length;
  const fromData = Uint8Array.from(children, (c) => (raw && fw.nodes[c]!.children.length === 0 ? 1 : 0));
  const data = t.observations.data;
  const NO = t.observations.nodeCount;
  const vals = new Float64Array(K);
  for (let u = 0; u < t.units.length; u++) {
    if (t.aggregate[u]) continue;
    for (let yi = 0; yi < Y; yi++) {
      const row = rowOf[u * Y + yi]!;
      if (row < 0) continue;
      let complete = true;
      for (let i = 0; i < K && complete; i++) {
        const c = children[i]!;
        vals[i] = fromData[i] === 1 ? data[row * NO + c]! : t.values[(u * Y + yi) * N + c]!;
        if (Number.isNaN(vals[i]!)) complete = false;
      }
      if (complete) for (let i = 0; i < K; i++) cols[i]!.push(vals[i]!);
    }
  }
  return { cols, children };
}

/**
 * The weights a node gives its children (in children order): given, equal, or
 * derived from the data of the children over every unit (not totals rows) and
 * period where all of them have values. Leaf children use their raw values
 * (entropy, cv, pca) or raw values min-max scaled (entropy-minmax, critic);
 * inner children their computed scores.
 */
export function childWeights(t: IndexTable, parent: number, m: MethodSpec, rowOf: Int32Array, opts: { randomIndex: RandomIndexTable }): number[] {
  const fw = t.framework;
  const node = fw.nodes[parent]!;
  const kids = node.children;
  if (m.name === 'given') return kids.map((c) => fw.nodes[c]!.weight);
  if (m.name === 'equal') return kids.map(() => 1);
  if (m.name === 'ahp') {
    if (node.ahp === undefined) return kids.map((c) => fw.nodes[c]!.weight);
    const a = node.ahp;
    // its shape and reciprocity were checked with the framework (checkFramework)
    const variant = (m.params[0] ?? 'eigen') as 'eigen' | 'sum' | 'geometric';
    const r = ahpWeights(a, variant, opts.randomIndex);
    // an inconsistent matrix is refused once every node is weighed (refuseInconsistent), all of them at once
    t.record.weights.ahp.push({ node: node.id, lambdaMax: r.lambda, ci: r.ci, ri: r.ri, cr: r.cr, variant, randomIndex: opts.randomIndex });
    return r.weights;
  }
  const raw = m.name === 'entropy' || m.name === 'cv' || m.name === 'entropy-minmax' || m.name === 'critic' || m.name === 'pca';
  const { cols, children } = completeColumns(t, parent, rowOf, raw);
  if (children.length <= 1) return kids.map((c) => (t.nodeHasData[c] ? 1 : 0));
  if ((cols[0]?.length ?? 0) < 2) throw new SmeiError('data', `--weights ${m.name}: node ${JSON.stringify(node.id)} has fewer than two units with all its children present; ${m.name} weights cannot be derived. Use given or equal weights.`, { zh: `--weights ${m.name}：节点${JSON.stringify(node.id)}的下级指标全部有值的地区不到两个；无法计算 ${m.name} 权重。请使用 given 或 equal 权重。` });
  const directions = children.map((c) => (fw.nodes[c]!.children.length === 0 ? fw.nodes[c]!.direction : 1));
  let w: number[];
  switch (m.name) {
    case 'entropy': {
      const negative = children.find((_c, i) => cols[i]!.some((x) => x < 0));
      if (negative !== undefined) throw new SmeiError('data', `--weights entropy: ${fw.nodes[negative]!.id} has negative values; entropy weights need values ≥ 0. Use entropy-minmax, which scales the values first.`, { zh: `--weights entropy：${fw.nodes[negative]!.id} 有负值；熵权法要求数值 ≥ 0。请改用 entropy-minmax，它会先对数值做极差标准化。` });
      w = entropyWeights(cols);
      break;
    }
    case 'entropy-minmax': w = entropyWeights(minMaxColumns(cols, m.params[0] === 'ignore-direction' ? directions.map(() => 1) : directions)); break;
    case 'critic': w = criticWeights(cols, m.params[0] === 'ignore-direction' ? directions.map(() => 1) : directions); break;
    case 'cv': w = cvWeights(cols); break;
    case 'pca': {
      const p = pcaWeights(cols);
      if (p === undefined) throw new SmeiError('data', `--weights pca: the correlation matrix of ${JSON.stringify(node.id)}'s children is singular (a constant child, or children that move together exactly); the first principal component does not define weights. Use another weighting for this framework.`, { zh: `--weights pca：${JSON.stringify(node.id)}各下级指标的相关系数矩阵是奇异的（有下级指标是常数，或有下级指标完全同步变动）；第一主成分无法确定权重。请为这个框架改用其他赋权方法。` });
      w = p;
      break;
    }
    default: w = children.map(() => 1);
  }
  return kids.map((c) => {
    const i = children.indexOf(c);
    return i < 0 ? 0 : w[i]!;
  });
}

/** Refuses the AHP matrices whose consistency ratio is 0.1 or more, every one of them in one message. */
export function refuseInconsistent(t: IndexTable): void {
  const bad = t.record.weights.ahp.filter((x) => x.cr >= 0.1);
  if (bad.length === 0) return;
  const each = bad.map((x) => `node ${JSON.stringify(x.node)}: consistency ratio CR = ${x.cr.toFixed(4)} (λmax ${x.lambdaMax.toFixed(4)}, CI ${x.ci.toFixed(4)}, RI ${x.ri} from the ${x.randomIndex} table, ahp:${x.variant})`);
  const eachZh = bad.map((x) => `节点${JSON.stringify(x.node)}：一致性比率 CR = ${x.cr.toFixed(4)}（λmax ${x.lambdaMax.toFixed(4)}，CI ${x.ci.toFixed(4)}，RI ${x.ri} 取自 ${x.randomIndex} 表，ahp:${x.variant}）`);
  // the framework file the matrices are in, where they come from one
  const file = t.framework.source?.kind === 'file' && t.framework.source.name !== undefined ? t.framework.source.name : undefined;
  throw new SmeiError('usage', `${file !== undefined ? `${file}: ` : ''}${bad.length === 1 ? 'an ahp matrix is' : `${bad.length} ahp matrices are`} inconsistent: ${each.join('; ')}; AHP asks for CR < 0.1. Revise the judgements${file !== undefined ? ' in that file' : ''}, or pass --allow-inconsistent.`, {
    zh: `${file !== undefined ? `${file}：` : ''}${bad.length === 1 ? '有一个 ahp 矩阵' : `有 ${bad.length} 个 ahp 矩阵`}不一致：${eachZh.join('；')}；层次分析法要求 CR < 0.1。请修改${file !== undefined ? '该文件中的' : ''}判断，或使用 --allow-inconsistent。`,
  });
}

/**
 * Chain-links a node: 100 in the base year; each later year the year before ×
 * the weighted arithmetic mean of its children's ratios to the year before
 * (children present in both); earlier years divide back the same way.
 */
export function chainNode(t: IndexTable, n: number, ws: number[], rowOf: Int32Array, baseYear: number): void {
  const fw = t.framework;
  const N = fw.nodes.length;
  const Y = t.years.length;
  const kids = fw.nodes[n]!.children;
  const b = t.yearIdx(baseYear);
  if (b === undefined) return;
  const ratio = (u: number, yi: number): number => {
    if (yi <= 0 || t.years[yi - 1] !== t.years[yi]! - 1) return NaN;
    let acc = 0;
    let sw = 0;
    kids.forEach((c, i) => {
      const now = t.values[(u * Y + yi) * N + c]!;
      const before = t.values[(u * Y + yi - 1) * N + c]!;
      if (Number.isNaN(now) || Number.isNaN(before) || before === 0) return;
      acc += ws[i]! * (now / before);
      sw += ws[i]!;
    });
    return sw === 0 ? NaN : acc / sw;
  };
  for (let u = 0; u < t.units.length; u++) {
    const at = (yi: number): number => (u * Y + yi) * N + n;
    if (rowOf[u * Y + b]! < 0 || t.givenFlags[at(b)] === 1) continue;
    t.values[at(b)] = 100;
    for (let yi = b + 1; yi < Y; yi++) {
      if (t.givenFlags[at(yi)] === 1) continue;
      t.values[at(yi)] = t.values[at(yi - 1)]! * ratio(u, yi);
    }
    for (let yi = b - 1; yi >= 0; yi--) {
      if (t.givenFlags[at(yi)] === 1) continue;
      t.values[at(yi)] = t.values[at(yi + 1)]! / ratio(u, yi + 1);
    }
  }
}
