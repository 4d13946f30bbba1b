// How robust are the ranks? Monte Carlo uncertainty analysis over the
// assumptions an index builder makes (weights within ±PCT%, the normalisation,
// the aggregation, the imputation), first-order sensitivity indices, and
// remove-one (each indicator or module left out in turn). Pure: a compute
// function in, statistics out; the same seed gives the same numbers.
import type { IndexTable } from '../core/compute.js';
import { specText, type MethodSpec } from '../core/methods.js';
import { SmeiError } from '../errors.js';
import type { Framework } from '../framework/types.js';

/** What a sample varies. */
export interface Variation {
  weights?: MethodSpec;
  normalise?: MethodSpec;
  aggregation?: MethodSpec;
  impute?: MethodSpec;
}

/** Computes the index with a framework (weights) and variations; the caller closes over everything else. */
export type Recompute = (fw: Framework, v: Variation) => IndexTable;

/** A discrete assumption: a name and its levels. */
export interface Assumption {
  name: 'normalise' | 'aggregation' | 'impute' | 'weights-method';
  levels: MethodSpec[];
}

/** What to analyse. */
export interface SensitivityInput {
  fw: Framework;
  recompute: Recompute;
  nominal: IndexTable;
  /** The node ranked and the period (key). */
  node: number;
  period: number;
  /** ±percent for every weight (uniform), when weights vary. */
  varyWeights?: number;
  assumptions: Assumption[];
  samples: number;
  seed: number;
  removeOne?: 'indicator' | 'module';
}

/** A unit's rank statistics. */
export interface UnitUncertainty {
  unit: string;
  nominalRank: number | null;
  medianRank: number | null;
  p05Rank: number | null;
  p95Rank: number | null;
  meanAbsShift: number | null;
}

/** The result. */
export interface Sensitivity {
  node: string;
  period: number;
  samples: number;
  seed: number;
  units?: UnitUncertainty[];
  assumptions?: { name: string; firstOrder: number | null }[];
  removeOne?: { element: string; meanAbsShift: number | null; units: { unit: string; rankWithout: number | null; valueWithout: number | null; rankChange: number | null }[] }[];
}

/** A seeded generator of uniform numbers in [0, 1) (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** R's default (type 7) quantile of sorted numbers. */
function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
}

/** The ranks of the non-aggregate units in a table for a node and period (null where unranked). */
function ranksOf(t: IndexTable, node: number, period: number): (number | null)[] {
  const yi = t.yearIdx(period);
  return t.units.map((_, u) => (yi === undefined ? null : t.rank(u, yi, node)));
}

/** A framework with other weights (the nodes copied, the tree shared). */
export function withWeights(fw: Framework, weights: number[]): Framework {
  return { ...fw, nodes: fw.nodes.map((n, i) => ({ ...n, weight: weights[i]! })) };
}

/** Runs the analysis. */
export function analyse(input: SensitivityInput): Sensitivity {
  const { fw, recompute, nominal, node, period } = input;
  const units = nominal.units;
  const nominalRanks = ranksOf(nominal, node, period);
  const out: Sensitivity = { node: fw.nodes[node]!.id, period, samples: input.samples, seed: input.seed };
  const varying = input.varyWeights !== undefined || input.assumptions.length > 0;
  if (varying) {
    if (!Number.isInteger(input.samples) || input.samples < 1) throw new SmeiError('usage', `--samples must be a whole number of 1 or more, got ${input.samples}.`);
    // every combination of the discrete levels must give every nominally ranked unit a value
    const combos = input.assumptions.reduce<Variation[]>((acc, a) => acc.flatMap((v) => a.levels.map((l) => ({ ...v, [a.name === 'weights-method' ? 'weights' : a.name]: l }))), [{}]);
    for (const v of combos) {
      const t = recompute(fw, v);
      const r = ranksOf(t, node, period);
      // a unit without a value, or a node left out because its mean is undefined (the unit ranked on its other nodes)
      const undefinedAt = new Set(t.warnings.filter((w) => w.code === 'geometric-nonpositive' && w.year === period).map((w) => w.unit));
      const lost = units.filter((unit, u) => nominalRanks[u] !== null && (r[u] === null || undefinedAt.has(unit)));
      if (lost.length > 0) {
        const desc = Object.entries(v).map(([k, m]) => `${k}=${specText(m as MethodSpec)}`).join(', ') || 'the nominal methods';
        const zeroHint = undefinedAt.size > 0 ? ' (a geometric, harmonic or power mean needs positive scores: min-max scores of 0 make it undefined; use min-max:1,100)' : '';
        const descZh = Object.entries(v).map(([k, m]) => `${k}=${specText(m as MethodSpec)}`).join(', ') || '名义方法';
        const zeroHintZh = zeroHint === '' ? '' : '（几何、调和或幂平均需要正的得分：min-max 得分为 0 时无定义；请用 min-max:1,100）';
        throw new SmeiError('usage', `the variation ${desc} leaves ${lost.length} unit${lost.length === 1 ? '' : 's'} without a value or with a node undefined (${lost.slice(0, 5).join(', ')}${lost.length > 5 ? ', ...' : ''})${zeroHint}. The framework cannot honour it: drop that level from --vary.`, { zh: `变动方案 ${descZh} 使 ${lost.length} 个地区没有数值或有节点无定义（${lost.slice(0, 5).join(', ')}${lost.length > 5 ? '等' : ''}）${zeroHintZh}。该框架无法支持这一方案：请从 --vary 中去掉这个取值。` });
      }
    }
    const rand = mulberry32(input.seed);
    const samples: (number | null)[][] = [];
    const drawn: { levels: number[]; weightShift: number }[] = [];
    const baseWeights = fw.nodes.map((n) => n.weight);
    for (let s = 0; s < input.samples; s++) {
      const levels = input.assumptions.map((a) => Math.floor(rand() * a.levels.length));
      let weights = baseWeights;
      let shift = 0;
      if (input.varyWeights !== undefined) {
        const p = input.varyWeights / 100;
        weights = baseWeights.map((w, i) => {
          if (i === 0) return w;
          const f = 1 + p * (2 * rand() - 1);
          shift += Math.abs(f - 1);
          return w * f; // renormalised among siblings by the aggregation
        });
      }
      const v: Variation = {};
      input.assumptions.forEach((a, i) => {
        (v as Record<string, MethodSpec>)[a.name === 'weights-method' ? 'weights' : a.name] = a.levels[levels[i]!]!;
      });
      samples.push(ranksOf(recompute(input.varyWeights !== undefined ? withWeights(fw, weights) : fw, v), node, period));
      drawn.push({ levels, weightShift: shift });
    }
    out.units = units.map((unit, u) => {
      const rs = samples.map((r) => r[u]).filter((x): x is number => x !== null).sort((a, b) => a - b);
      const nom = nominalRanks[u]!;
      if (rs.length === 0 || nom === null) return { unit, nominalRank: nom ?? null, medianRank: null, p05Rank: null, p95Rank: null, meanAbsShift: null };
      return { unit, nominalRank: nom, medianRank: quantile(rs, 0.5), p05Rank: quantile(rs, 0.05), p95Rank: quantile(rs, 0.95), meanAbsShift: rs.reduce((acc, r) => acc + Math.abs(r - nom), 0) / rs.length };
    });
    // First-order indices: S_i = Σ_u Var(E[R_u | X_i]) / Σ_u Var(R_u), with E[R_u | X_i] estimated by grouping
    // the samples on X_i (its levels; for the weights, ten equal-count bins of the total perturbation).
    const variance = (xs: number[]): number => {
      const m = xs.reduce((a, x) => a + x, 0) / xs.length;
      return xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length;
    };
    const firstOrder = (groupOf: (s: number) => number): number | null => {
      let num = 0;
      let den = 0;
      units.forEach((_, u) => {
        const ys: { g: number; r: number }[] = [];
        samples.forEach((r, s) => {
          if (r[u] !== null) ys.push({ g: groupOf(s), r: r[u]! });
        });
        if (ys.length < 2) return;
        const total = variance(ys.map((y) => y.r));
        const mean = ys.reduce((a, y) => a + y.r, 0) / ys.length;
        const byGroup = new Map<number, number[]>();
        for (const y of ys) byGroup.set(y.g, [...(byGroup.get(y.g) ?? []), y.r]);
        let between = 0;
        for (const rs of byGroup.values()) between += (rs.length / ys.length) * ((rs.reduce((a, x) => a + x, 0) / rs.length) - mean) ** 2;
        num += between;
        den += total;
      });
      return den === 0 ? null : num / den;
    };
    const assumptions: { name: string; firstOrder: number | null }[] = input.assumptions.map((a, i) => ({ name: a.name === 'weights-method' ? 'weights' : a.name, firstOrder: firstOrder((s) => drawn[s]!.levels[i]!) }));
    if (input.varyWeights !== undefined) {
      const sorted = drawn.map((d) => d.weightShift).sort((a, b) => a - b);
      const bin = (x: number): number => Math.min(9, Math.floor((10 * sorted.filter((y) => y < x).length) / sorted.length));
      const bins = drawn.map((d) => bin(d.weightShift));
      assumptions.unshift({ name: `weights±${input.varyWeights}%`, firstOrder: firstOrder((s) => bins[s]!) });
    }
    out.assumptions = assumptions;
  }
  if (input.removeOne) {
    // the elements under the node analysed (--node; the composite by default): its children ("module"),
    // or the indicators below it; leaving out an element elsewhere would not move its ranks
    const analysed = fw.nodes[node]!;
    if (analysed.children.length === 0) throw new SmeiError('usage', `--remove-one: ${analysed.id} is an indicator; nothing below it can be left out. Analyse a module or the composite (--node).`, { zh: `--remove-one：${analysed.id} 是指标，下面没有可去掉的元素。请分析某个模块或综合指数（--node）。` });
    const below = (n: number): boolean => {
      for (let k = fw.nodes[n]!.parent; k >= 0; k = fw.nodes[k]!.parent) if (k === node) return true;
      return false;
    };
    const elements = input.removeOne === 'module' ? analysed.children.filter((c) => nominal.nodeHasData[c]) : fw.nodes.filter((n) => n.children.length === 0 && nominal.nodeHasData[n.index] && below(n.index)).map((n) => n.index);
    const yi = nominal.yearIdx(period)!;
    out.removeOne = elements.map((e) => {
      // leaving an element out = its weight 0: its parent renormalises over the rest
      const t = recompute(withWeights(fw, fw.nodes.map((n) => (n.index === e ? 0 : n.weight))), {});
      const r = ranksOf(t, node, period);
      const rows = units.map((unit, u) => ({ unit, rankWithout: r[u]!, valueWithout: t.value(u, yi, node), rankChange: r[u] !== null && nominalRanks[u] !== null ? nominalRanks[u]! - r[u]! : null }));
      const shifts = rows.filter((x) => x.rankChange !== null).map((x) => Math.abs(x.rankChange!));
      return { element: fw.nodes[e]!.id, meanAbsShift: shifts.length ? shifts.reduce((a, x) => a + x, 0) / shifts.length : null, units: rows };
    });
  }
  return out;
}
