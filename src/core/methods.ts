// The methods a composite index is built with: normalisation, weights and
// aggregation, each a small function with its formula in a comment, all in
// tables that the command line, the framework loader and the report's method
// section read. Adding a method is one function and one table row. Pure.
import { SmeiError } from '../errors.js';

/** A method as given: its name and its parameters (`min-max:1,100`, `power:2`, `group-mean:EurAsia_group`). */
export interface MethodSpec {
  name: string;
  params: string[];
}

/** Splits `name:a,b` into a method spec. */
export function parseSpec(text: string): MethodSpec {
  const i = text.indexOf(':');
  if (i < 0) return { name: text.trim(), params: [] };
  return { name: text.slice(0, i).trim(), params: text.slice(i + 1).split(',').map((p) => p.trim()) };
}

/** A spec as written back. */
export function specText(m: MethodSpec): string {
  return m.params.length ? `${m.name}:${m.params.join(',')}` : m.name;
}

/** Fails for an unknown method or malformed parameters, listing what is allowed. */
function refuse(option: string, text: string, why: string, allowed: string): never {
  throw new SmeiError('usage', `${option} ${JSON.stringify(text)}: ${why}. Allowed: ${allowed}.`);
}

/** Parses numeric parameters, exactly `count` of them (or none when `optional`). */
function numbers(option: string, m: MethodSpec, text: string, count: number, optional: boolean, allowed: string): number[] {
  if (m.params.length === 0 && optional) return [];
  const xs = m.params.map(Number);
  if (m.params.length !== count || xs.some((x, i) => !Number.isFinite(x) || m.params[i] === '')) refuse(option, text, `${m.name} takes ${count} number${count === 1 ? '' : 's'}${optional ? ' or none' : ''}`, allowed);
  return xs;
}

// ---------------------------------------------------------------- normalisation

/** How indicators become comparable scores. */
export const NORMALISATIONS: Record<string, { params: string; formula: string; zh: string; crossSection: boolean }> = {
  'fixed-base': { params: '', formula: 'I = 100 · x_t / x_base (direction −1: 100 · x_base / x_t)', zh: '定基指数：I = 100 × 报告期值 / 基期值（逆向指标取倒数）', crossSection: false },
  'chain-linked': { params: '', formula: 'leaves as fixed-base; a node = its value the period before × the weighted arithmetic mean of its children\'s ratios to the period before (the weighting happens on the ratios, at every node), 100 in the base period', zh: '环比链接：每个上级节点 = 上期值 × 下级指数对上期之比的加权算术平均，基期为100', crossSection: false },
  'min-max': { params: '[LO,HI] (default 0,100)', formula: 's = LO + (HI − LO) · (x − min) / (max − min)', zh: '极差标准化：s = LO + (HI − LO)(x − min)/(max − min)', crossSection: true },
  'z-score': { params: '[MEAN,SD] (default 0,1)', formula: 's = MEAN + SD · (x − mean) / sd (sample sd, n − 1)', zh: 'Z分数：s = MEAN + SD(x − 均值)/标准差（样本标准差）', crossSection: true },
  efficacy: { params: '', formula: 'd = 60 + 40 · (x − lo) / (hi − lo), lo/hi = the node\'s lower/upper, else the sample min/max; not clamped', zh: '功效系数：d = 60 + 40(x − x_s)/(x_h − x_s)，x_s/x_h 取节点的 lower/upper，未给出时取样本最小/最大值；不截断', crossSection: true },
  'efficacy-exponential': { params: '', formula: 'd = 60 · exp(ln(5/3) · (x − lo) / (hi − lo)): 60 at lo, 100 at hi', zh: '指数功效系数：d = 60·exp(ln(5/3)·(x − x_s)/(x_h − x_s))，x_s 处为60，x_h 处为100', crossSection: true },
  goalposts: { params: '', formula: 's = 100 · (x − lower) / (upper − lower), capped to 0..100 (the node\'s lower/upper)', zh: '目标区间：s = 100(x − lower)/(upper − lower)，截断在0到100', crossSection: false },
  'distance-to-target': { params: '', formula: 's = 100 · x / target, capped at 100 (direction −1: 100 · target / x)', zh: '距目标：s = 100 × x / 目标值，最高100（逆向指标取倒数）', crossSection: false },
  rank: { params: '', formula: 's = the rank among units, 1 = lowest, ties share the lowest rank', zh: '秩：s = 在各单位中的秩（最小为1，并列取小）', crossSection: true },
  percentile: { params: '', formula: 's = 100 · (rank − 1) / (n − 1)', zh: '百分位：s = 100(秩 − 1)/(n − 1)', crossSection: true },
};

/** Checks a --normalise value. */
export function parseNormalise(text: string, option = '--normalise'): MethodSpec {
  const m = parseSpec(text);
  const allowed = Object.keys(NORMALISATIONS).join(', ');
  if (!Object.hasOwn(NORMALISATIONS, m.name)) refuse(option, text, 'no such normalisation', allowed);
  if (m.name === 'min-max' || m.name === 'z-score') {
    const p = numbers(option, m, text, 2, true, allowed);
    if (m.name === 'min-max' && p.length && p[0]! >= p[1]!) refuse(option, text, 'LO must be below HI', allowed);
    if (m.name === 'z-score' && p.length && p[1]! <= 0) refuse(option, text, 'SD must be above 0', allowed);
  } else if (m.params.length) refuse(option, text, `${m.name} takes no parameters`, allowed);
  return m;
}

/** Direction −1 flips before normalising: the values are negated (bounds swapped and negated). */
function oriented(x: number, direction: 1 | -1): number {
  return direction === 1 ? x : -x;
}

/** Bounds for one node's cross-sectional methods. */
export interface NodeBounds {
  lower?: number;
  upper?: number;
  target?: number;
  direction: 1 | -1;
}

/**
 * Normalises one indicator's values within a scope (a year's units, or the
 * panel): NaN stays NaN. Returns the scores and whether the indicator was
 * constant (min = max: every score undefined).
 */
export function normaliseValues(m: MethodSpec, xs: Float64Array, b: NodeBounds, inStats?: boolean[]): { scores: Float64Array; constant: boolean } {
  const out = new Float64Array(xs.length).fill(NaN);
  const v = Array.from(xs, (x) => oriented(x, b.direction));
  // the statistics (min, max, mean, sd, ranks) come from the units in `inStats` (not the totals rows); every unit is scored
  const present = v.filter((x, i) => !Number.isNaN(x) && (inStats === undefined || inStats[i]));
  let min = Infinity;
  let max = -Infinity;
  for (const x of present) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const sample = { lo: min, hi: max };
  const bounds = b.direction === 1 ? { lo: b.lower, hi: b.upper } : { lo: b.upper === undefined ? undefined : -b.upper, hi: b.lower === undefined ? undefined : -b.lower };
  let constant = false;
  switch (m.name) {
    case 'min-max': {
      const [lo, hi] = m.params.length ? m.params.map(Number) as [number, number] : [0, 100];
      if (present.length === 0) break;
      if (max === min) {
        constant = true;
        break;
      }
      v.forEach((x, i) => (out[i] = Number.isNaN(x) ? NaN : lo + ((hi - lo) * (x - min)) / (max - min)));
      break;
    }
    case 'z-score': {
      const [mu, sd] = m.params.length ? m.params.map(Number) as [number, number] : [0, 1];
      const n = present.length;
      if (n < 2) break;
      const mean = present.reduce((s, x) => s + x, 0) / n;
      const s = Math.sqrt(present.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
      if (s === 0) {
        constant = true;
        break;
      }
      v.forEach((x, i) => (out[i] = Number.isNaN(x) ? NaN : mu + (sd * (x - mean)) / s));
      break;
    }
    case 'efficacy':
    case 'efficacy-exponential': {
      const lo = bounds.lo ?? sample.lo;
      const hi = bounds.hi ?? sample.hi;
      if (present.length === 0) break;
      if (hi === lo) {
        constant = true;
        break;
      }
      v.forEach((x, i) => {
        if (Number.isNaN(x)) return;
        const r = (x - lo) / (hi - lo);
        out[i] = m.name === 'efficacy' ? 60 + 40 * r : 60 * Math.exp(Math.log(5 / 3) * r);
      });
      break;
    }
    case 'goalposts': {
      const lo = bounds.lo;
      const hi = bounds.hi;
      if (lo === undefined || hi === undefined) break; // checked by the caller: goalposts need lower and upper
      v.forEach((x, i) => (out[i] = Number.isNaN(x) ? NaN : Math.min(100, Math.max(0, (100 * (x - lo)) / (hi - lo)))));
      break;
    }
    case 'distance-to-target': {
      const t = b.target;
      if (t === undefined) break;
      xs.forEach((x, i) => {
        if (Number.isNaN(x)) return;
        const r = b.direction === 1 ? (t === 0 ? NaN : x / t) : x === 0 ? NaN : t / x;
        out[i] = Number.isNaN(r) ? NaN : Math.min(100, 100 * r);
      });
      break;
    }
    case 'rank':
    case 'percentile': {
      const n = present.length;
      const sorted = [...present].sort((a, c) => a - c);
      v.forEach((x, i) => {
        if (Number.isNaN(x)) return;
        // the lowest rank of equal values: 1 + how many are smaller
        let lo = 0;
        let hi = n;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (sorted[mid]! < x) lo = mid + 1;
          else hi = mid;
        }
        const rank = lo + 1;
        out[i] = m.name === 'rank' ? rank : n > 1 ? (100 * (rank - 1)) / (n - 1) : NaN;
      });
      break;
    }
  }
  return { scores: out, constant };
}

// ---------------------------------------------------------------- weights

/** How the weights of a node's children are set. */
export const WEIGHTINGS: Record<string, { formula: string; zh: string }> = {
  given: { formula: 'the framework\'s weights', zh: '框架给定权重' },
  equal: { formula: 'every child weighs the same', zh: '等权' },
  entropy: { formula: 'p = x / Σx over units (raw values ≥ 0); e = −Σ p ln p / ln n; w ∝ 1 − e', zh: '熵权法（原始值）：p = x/Σx，e = −Σp ln p / ln n，w ∝ 1 − e' },
  'entropy-minmax': { formula: 'as entropy, on values min-max scaled to 0..1 first (direction −1 flipped)', zh: '熵权法（先极差标准化到0–1，逆向指标翻转）' },
  critic: { formula: 'C = sd · Σ(1 − r) on min-max scaled values (0..1); w ∝ C', zh: 'CRITIC：C = 标准差 × Σ(1 − 相关系数)（极差标准化后），w ∝ C' },
  cv: { formula: 'w ∝ sd / mean of the raw values (coefficient of variation)', zh: '变异系数法：w ∝ 标准差/均值' },
  pca: { formula: 'w ∝ the squared loadings of the first principal component of the correlation matrix', zh: '主成分法：w ∝ 第一主成分载荷的平方' },
  ahp: { formula: 'the principal eigenvector of the node\'s pairwise matrix (AHP), consistency ratio CR = CI / RI below 0.1', zh: '层次分析法：判断矩阵的主特征向量，一致性比率 CR = CI/RI < 0.1' },
};

/** Checks a --weights value. */
export function parseWeights(text: string, option = '--weights'): MethodSpec {
  const m = parseSpec(text);
  if (!Object.hasOwn(WEIGHTINGS, m.name) || m.params.length) refuse(option, text, Object.hasOwn(WEIGHTINGS, m.name) ? `${m.name} takes no parameters` : 'no such weighting', Object.keys(WEIGHTINGS).join(', '));
  return m;
}

/** Entropy weights of the columns of a matrix (rows = units; values ≥ 0). Columns that are all 0 weigh 0. */
export function entropyWeights(cols: number[][]): number[] {
  const n = cols[0]?.length ?? 0;
  const d = cols.map((c) => {
    const sum = c.reduce((s, x) => s + x, 0);
    if (sum === 0 || n < 2) return 0;
    let e = 0;
    for (const x of c) if (x > 0) e -= (x / sum) * Math.log(x / sum);
    return 1 - e / Math.log(n);
  });
  const total = d.reduce((s, x) => s + x, 0);
  return d.map((x) => (total === 0 ? 1 / d.length : x / total));
}

/** Columns min-max scaled to 0..1 (direction −1 flipped: (max − x) / (max − min)). */
export function minMaxColumns(cols: number[][], directions: (1 | -1)[]): number[][] {
  return cols.map((c, j) => {
    const min = Math.min(...c);
    const max = Math.max(...c);
    return c.map((x) => (max === min ? 0 : directions[j] === 1 ? (x - min) / (max - min) : (max - x) / (max - min)));
  });
}

/** Sample standard deviation and mean. */
function sdMean(c: number[]): { sd: number; mean: number } {
  const n = c.length;
  const mean = c.reduce((s, x) => s + x, 0) / n;
  return { mean, sd: n > 1 ? Math.sqrt(c.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0 };
}

/** Pearson correlation of two equal-length columns (NaN when either is constant). */
export function correlation(a: number[], b: number[]): number {
  const ma = a.reduce((s, x) => s + x, 0) / a.length;
  const mb = b.reduce((s, x) => s + x, 0) / b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

/** CRITIC weights: C_j = sd_j · Σ_k (1 − r_jk) on min-max scaled columns. */
export function criticWeights(cols: number[][], directions: (1 | -1)[]): number[] {
  const s = minMaxColumns(cols, directions);
  const c = s.map((cj, j) => sdMean(cj).sd * s.reduce((acc, ck, k) => acc + (k === j ? 0 : 1 - (correlation(cj, ck) || 0)), 0));
  const total = c.reduce((a, x) => a + x, 0);
  return c.map((x) => (total === 0 ? 1 / c.length : x / total));
}

/** Coefficient-of-variation weights: w ∝ sd / |mean|. */
export function cvWeights(cols: number[][]): number[] {
  const v = cols.map((c) => {
    const { sd, mean } = sdMean(c);
    return mean === 0 ? 0 : sd / Math.abs(mean);
  });
  const total = v.reduce((a, x) => a + x, 0);
  return v.map((x) => (total === 0 ? 1 / v.length : x / total));
}

/** The eigenvalues and eigenvectors of a symmetric matrix (Jacobi rotations), largest first. */
export function symmetricEigen(a: number[][]): { values: number[]; vectors: number[][] } {
  const n = a.length;
  const m = a.map((r) => [...r]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += m[i]![j]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(m[p]![q]!) < 1e-300) continue;
        const theta = (m[q]![q]! - m[p]![p]!) / (2 * m[p]![q]!);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k]![p]!;
          const mkq = m[k]![q]!;
          m[k]![p] = c * mkp - s * mkq;
          m[k]![q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p]![k]!;
          const mqk = m[q]![k]!;
          m[p]![k] = c * mpk - s * mqk;
          m[q]![k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => m[y]![y]! - m[x]![x]!);
  return { values: order.map((i) => m[i]![i]!), vectors: order.map((i) => v.map((row) => row[i]!)) };
}

/** PCA weights: the first principal component's squared loadings (of the correlation matrix); undefined for a singular or degenerate matrix. */
export function pcaWeights(cols: number[][]): number[] | undefined {
  const k = cols.length;
  const r = cols.map((a) => cols.map((b) => correlation(a, b)));
  if (r.some((row) => row.some((x) => Number.isNaN(x)))) return undefined;
  const { values, vectors } = symmetricEigen(r);
  if (values[values.length - 1]! < 1e-10 * Math.max(1, values[0]!) && k > 1) return undefined; // singular
  const v = vectors[0]!;
  const sq = v.map((x) => x * x);
  const total = sq.reduce((a, x) => a + x, 0);
  return sq.map((x) => x / total);
}

/** Saaty's random consistency index by matrix size. */
const RANDOM_INDEX = [0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];

/** AHP weights of a pairwise matrix: the principal eigenvector, with λmax, CI and CR. */
export function ahpWeights(a: number[][]): { weights: number[]; lambda: number; ci: number; cr: number } {
  const n = a.length;
  let w = Array.from({ length: n }, () => 1 / n);
  let lambda = n;
  for (let it = 0; it < 1000; it++) {
    const aw = a.map((row) => row.reduce((s, x, j) => s + x * w[j]!, 0));
    const sum = aw.reduce((s, x) => s + x, 0);
    const next = aw.map((x) => x / sum);
    lambda = aw.reduce((s, x, i) => s + x / w[i]!, 0) / n;
    const diff = next.reduce((s, x, i) => s + Math.abs(x - w[i]!), 0);
    w = next;
    if (diff < 1e-15) break;
  }
  const ci = n > 1 ? (lambda - n) / (n - 1) : 0;
  const ri = RANDOM_INDEX[n] ?? 1.59;
  return { weights: w, lambda, ci, cr: ri === 0 ? 0 : ci / ri };
}

// ---------------------------------------------------------------- aggregation

/** How a node combines its children's scores. */
export const AGGREGATIONS: Record<string, { formula: string; zh: string; positive: boolean }> = {
  arithmetic: { formula: 'Σ w·x / Σ w', zh: '加权算术平均', positive: false },
  geometric: { formula: 'exp(Σ w·ln x / Σ w); every x > 0', zh: '加权几何平均（各值须大于0）', positive: true },
  harmonic: { formula: 'Σ w / Σ (w / x); every x > 0', zh: '加权调和平均（各值须大于0）', positive: true },
  power: { formula: '(Σ w·x^P / Σ w)^(1/P), the generalised mean of order P (P = 1 arithmetic, P = −1 harmonic); every x > 0', zh: '广义（幂）平均 (Σw·x^P/Σw)^(1/P)（各值须大于0）', positive: true },
  mpi: { formula: 'Mazziotta–Pareto index: M − S·cv with M the (weighted) mean of the children, S their standard deviation with the population variance (divided by Σw), cv = S / M (Mazziotta & Pareto 2016, Social Indicators Research 127)', zh: 'Mazziotta–Pareto 指数：M − S·cv，M 为均值，S 为总体标准差（方差除以权重和），cv = S/M（Mazziotta & Pareto, 2016）', positive: false },
};

/** Checks an aggregation name (`power:P`). */
export function parseAggregation(text: string, option = '--aggregation'): MethodSpec {
  const m = parseSpec(text);
  const allowed = 'arithmetic, geometric, harmonic, power:P, mpi';
  if (!Object.hasOwn(AGGREGATIONS, m.name)) refuse(option, text, 'no such aggregation', allowed);
  if (m.name === 'power') {
    const [p] = numbers(option, m, text, 1, false, allowed);
    if (p === 0) refuse(option, text, 'the order P of a power mean cannot be 0 (that is the geometric mean)', allowed);
  } else if (m.params.length) refuse(option, text, `${m.name} takes no parameters`, allowed);
  return m;
}

/** Aggregates values with weights (both only the children present); NaN when undefined (an empty set, or a non-positive value where the method needs x > 0). */
export function aggregateValues(m: MethodSpec, xs: number[], ws: number[]): number {
  let sw = 0;
  for (const w of ws) sw += w;
  if (xs.length === 0 || sw === 0) return NaN;
  switch (m.name) {
    case 'arithmetic': return xs.reduce((s, x, i) => s + ws[i]! * x, 0) / sw;
    case 'geometric': return xs.some((x) => x <= 0) ? NaN : Math.exp(xs.reduce((s, x, i) => s + ws[i]! * Math.log(x), 0) / sw);
    case 'harmonic': return xs.some((x) => x <= 0) ? NaN : sw / xs.reduce((s, x, i) => s + ws[i]! / x, 0);
    case 'power': {
      const p = Number(m.params[0]);
      if (xs.some((x) => x <= 0)) return NaN;
      return (xs.reduce((s, x, i) => s + ws[i]! * x ** p, 0) / sw) ** (1 / p);
    }
    case 'mpi': {
      const mean = xs.reduce((s, x, i) => s + ws[i]! * x, 0) / sw;
      const variance = xs.reduce((s, x, i) => s + ws[i]! * (x - mean) ** 2, 0) / sw;
      const sd = Math.sqrt(variance);
      return mean === 0 ? NaN : mean - (sd * sd) / mean;
    }
    default: return NaN;
  }
}

// ---------------------------------------------------------------- preparation

/** Imputation methods. */
export const IMPUTATIONS = ['mean', 'median', 'group-mean', 'group-median', 'carry-forward', 'interpolate'];

/** Checks a --impute value. */
export function parseImpute(text: string, option = '--impute'): MethodSpec {
  const m = parseSpec(text);
  const allowed = 'mean, median, group-mean:COL, group-median:COL, carry-forward, interpolate';
  if (!IMPUTATIONS.includes(m.name)) refuse(option, text, 'no such imputation', allowed);
  if (m.name.startsWith('group-') ? m.params.length !== 1 || m.params[0] === '' : m.params.length > 0) refuse(option, text, m.name.startsWith('group-') ? `${m.name} needs the group column: ${m.name}:COL` : `${m.name} takes no parameters`, allowed);
  return m;
}

/** Checks a --treat value: winsorise[:MAX]. */
export function parseTreat(text: string, option = '--treat'): MethodSpec {
  const m = parseSpec(text);
  const allowed = 'winsorise, winsorise:MAX (default 5)';
  if (m.name !== 'winsorise') refuse(option, text, 'no such treatment', allowed);
  if (m.params.length) {
    const [max] = numbers(option, m, text, 1, false, allowed);
    if (!Number.isInteger(max) || max! < 1) refuse(option, text, 'MAX is a whole number of points, 1 or more', allowed);
  }
  return m;
}
