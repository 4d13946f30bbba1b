// The computations of the methods a composite index is built with:
// normalisation, data-driven weights (entropy, CV, CRITIC, PCA, AHP) and
// aggregation, each a small function with its formula in a comment. Their
// names, parameters, formulas and parsing are the registry in
// src/framework/methods.ts (re-exported here). Adding a method is one
// function here and one row there. Pure.
import { correlation, sdMean } from '../stats.js';
import { mpiOptions, RANDOM_INDEX_TABLES, type MethodSpec, type RandomIndexTable } from '../framework/methods.js';

export * from '../framework/methods.js';

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

/** Room normaliseValues may work in, each array at least as long as the values: see normaliseValues. */
export interface NormaliseScratch {
  out: Float64Array;
  v: Float64Array;
  kept: Float64Array;
}

/**
 * normaliseValues' passes over a column, each a small function of its own (a
 * thousand columns run them: small, they are optimised after the first few,
 * where the whole method stayed in slow code for most of a panel).
 * orientInto writes the oriented values into v and those in the statistics
 * (present, and in `inStats` where given) side by side into kept; returns
 * how many.
 */
function orientInto(xs: Float64Array, direction: 1 | -1, v: Float64Array, kept: Float64Array, inStats: boolean[] | undefined): number {
  let k = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = oriented(xs[i]!, direction);
    v[i] = x;
    if (!Number.isNaN(x) && (inStats === undefined || inStats[i]!)) kept[k++] = x;
  }
  return k;
}

/** The least of the first k values (Infinity for none). */
function lowest(a: Float64Array, k: number): number {
  let min = Infinity;
  for (let i = 0; i < k; i++) if (a[i]! < min) min = a[i]!;
  return min;
}

/** The greatest of the first k values (-Infinity for none). */
function highest(a: Float64Array, k: number): number {
  let max = -Infinity;
  for (let i = 0; i < k; i++) if (a[i]! > max) max = a[i]!;
  return max;
}

/** Min-max scores, lo + (hi − lo)(x − min) / (max − min), NaN kept. */
function minMaxInto(v: Float64Array, out: Float64Array, lo: number, hi: number, min: number, max: number): void {
  for (let i = 0; i < v.length; i++) out[i] = Number.isNaN(v[i]!) ? NaN : lo + ((hi - lo) * (v[i]! - min)) / (max - min);
}

/**
 * Normalises one indicator's values within a scope (a year's units, or the
 * panel): NaN stays NaN. Returns the scores and whether the indicator was
 * constant (min = max: every score undefined).
 */
export function normaliseValues(m: MethodSpec, xs: Float64Array, b: NodeBounds, inStats?: boolean[], scratch?: NormaliseScratch): { scores: Float64Array; constant: boolean } {
  // a caller scoring column after column hands in room for the work (three arrays a column, a thousand
  // columns: garbage and fresh memory a panel paid for); the scores then live in it until the next call
  const room = (a: Float64Array | undefined): Float64Array => (a !== undefined && a.length >= xs.length ? a.subarray(0, xs.length) : new Float64Array(xs.length));
  const out = room(scratch?.out).fill(NaN);
  const v = room(scratch?.v);
  // the statistics (min, max, mean, sd, ranks) come from the units in `inStats` (not the totals rows); every unit is scored
  const kept = room(scratch?.kept);
  const k = orientInto(xs, b.direction, v, kept, inStats);
  const present = kept.subarray(0, k);
  const min = lowest(kept, k);
  const max = highest(kept, k);
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
      minMaxInto(v, out, lo, hi, min, max);
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
      const [a, b] = m.name === 'efficacy' && m.params.length ? m.params.map(Number) as [number, number] : [60, 40];
      if (present.length === 0) break;
      if (hi === lo) {
        constant = true;
        break;
      }
      v.forEach((x, i) => {
        if (Number.isNaN(x)) return;
        const r = (x - lo) / (hi - lo);
        out[i] = m.name === 'efficacy' ? a + b * r : 60 * Math.exp(Math.log(5 / 3) * r);
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
    case 'none':
      // the raw values as they are: no statistics, no direction
      xs.forEach((x, i) => (out[i] = x));
      break;
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

/** One AHP matrix's result: the weights, λmax, CI, the random index used and CR. */
export interface AhpResult {
  weights: number[];
  lambda: number;
  ci: number;
  ri: number;
  cr: number;
}

/**
 * AHP weights of a pairwise matrix: the principal eigenvector (eigen, the
 * default), the row means of the column-normalised matrix (sum, 和积法) or the
 * normalised row geometric means (geometric, 方根法); λmax the eigenvalue, or
 * for sum and geometric (1/n) Σ (Aw)_i / w_i; CI = (λmax − n)/(n − 1); CR = CI / RI
 * (0 where RI is 0, n ≤ 2; beyond n = 15 the table's last entry).
 */
export function ahpWeights(a: number[][], variant: 'eigen' | 'sum' | 'geometric' = 'eigen', table: RandomIndexTable = 'saaty'): AhpResult {
  const n = a.length;
  let w: number[];
  let lambda: number;
  const product = (v: number[]): number[] => a.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0));
  if (variant === 'eigen') {
    w = Array.from({ length: n }, () => 1 / n);
    lambda = n;
    for (let it = 0; it < 1000; it++) {
      const aw = product(w);
      const sum = aw.reduce((s, x) => s + x, 0);
      const next = aw.map((x) => x / sum);
      lambda = aw.reduce((s, x, i) => s + x / w[i]!, 0) / n;
      const diff = next.reduce((s, x, i) => s + Math.abs(x - w[i]!), 0);
      w = next;
      if (diff < 1e-15) break;
    }
  } else {
    if (variant === 'sum') {
      const colSums = a[0]!.map((_, j) => a.reduce((s, row) => s + row[j]!, 0));
      w = a.map((row) => row.reduce((s, x, j) => s + x / colSums[j]!, 0) / n);
    } else {
      // the n-th root of each row's product, through logarithms (no overflow for large n)
      const g = a.map((row) => Math.exp(row.reduce((s, x) => s + Math.log(x), 0) / n));
      const total = g.reduce((s, x) => s + x, 0);
      w = g.map((x) => x / total);
    }
    const aw = product(w);
    lambda = aw.reduce((s, x, i) => s + x / w[i]!, 0) / n;
  }
  const ci = n > 1 ? (lambda - n) / (n - 1) : 0;
  const ris = RANDOM_INDEX_TABLES[table];
  const ri = ris[Math.min(n, ris.length - 1)]!;
  return { weights: w, lambda, ci, ri, cr: ri === 0 ? 0 : ci / ri };
}

// ---------------------------------------------------------------- aggregation

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
      // M ∓ S·cv = M ∓ S²/M; the sample variance is the population one × n/(n − 1)
      const { plus, sample } = mpiOptions(m);
      const n = xs.length;
      const mean = xs.reduce((s, x, i) => s + ws[i]! * x, 0) / sw;
      let variance = xs.reduce((s, x, i) => s + ws[i]! * (x - mean) ** 2, 0) / sw;
      if (sample) variance = n > 1 ? (variance * n) / (n - 1) : NaN;
      return mean === 0 ? NaN : plus ? mean + variance / mean : mean - variance / mean;
    }
    default: return NaN;
  }
}

/** Whether a normalisation scores leaves against the other units (not against a base, and not raw values). */
export function crossSectional(m: MethodSpec): boolean {
  return m.name !== 'fixed-base' && m.name !== 'chain-linked' && m.name !== 'none';
}
