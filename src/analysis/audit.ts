// A statistical audit of an index (the OECD/JRC handbook's step, as COINr's
// get_stats and get_corr do it): per indicator the distribution with COINr's
// outlier flags and exploding fixed-base ratios; per node the correlations of
// its children, Cronbach's alpha (on the scores, and COINr's on the raw values)
// and the first principal component's share and signed loadings.
// Pure: a computed table in, numbers out.
import type { IndexTable } from '../core/compute.js';
import { specText, symmetricEigen } from '../core/methods.js';
import { correlation } from '../stats.js';
import { median } from '../stats.js';
import { kurt, skew } from '../stats.js';

/** One indicator's statistics in the audited period. */
export interface IndicatorStats {
  node: string;
  count: number;
  missingShare: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
  skew: number | null;
  kurt: number | null;
  /** COINr's outlier flag: |skew| > 2 and kurtosis > 3.5. */
  outlier: boolean;
  /** Units whose base value is tiny (below 1% of the median base value): their fixed-base ratios explode. */
  tinyBase: string[];
}

/** One correlation, flagged when negative or above 0.9. */
export interface Corr {
  a: string;
  b: string;
  r: number | null;
  flag: 'negative' | 'high' | null;
}

/** One node's internal consistency. */
export interface NodeAudit {
  node: string;
  children: string[];
  /** Between the children. */
  among: Corr[];
  /** Each child with the node, and with the index. */
  withNode: Corr[];
  withIndex: Corr[];
  /** Cronbach's alpha of the children's scores, units with every child present (null with fewer than two). */
  cronbachAlpha: number | null;
  /** Cronbach's alpha of the raw values of every indicator under the node, pairwise-complete covariances (COINr's get_cronbach on "Raw" at level 1). */
  cronbachAlphaRaw: number | null;
  /** The share of the children's variance the first principal component explains. */
  pc1Share: number | null;
  /** The first principal component's loadings on the children (unit length, signed so that they sum to 0 or more: COINr's PCA weights). */
  pc1Loadings: { node: string; loading: number }[] | null;
}

/** The audit. */
export interface Audit {
  /** The audited year; null for a cross-section with no year column. */
  year: number | null;
  /** The normalisation of the scores the correlations, alphas and components are computed on. */
  scores: string;
  /** Why the scores are min-max although the run's normalisation is fixed-base: it cannot apply (no base year in the data). */
  scoresNote: 'no-base-year' | null;
  units: number;
  indicators: IndicatorStats[];
  nodes: NodeAudit[];
}

/** Sample mean and sd. */
function meanSd(xs: number[]): { mean: number; sd: number } {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  return { mean, sd: n > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : NaN };
}

/** A correlation with its flag. */
function corr(a: string, b: string, xs: number[], ys: number[]): Corr {
  const r = xs.length > 2 ? correlation(xs, ys) : NaN;
  return { a, b, r: Number.isNaN(r) ? null : r, flag: Number.isNaN(r) ? null : r < 0 ? 'negative' : r > 0.9 ? 'high' : null };
}

/**
 * Cronbach's alpha of k columns over the same units: k/(k − 1) · (1 − Σ var_i / var(Σ x_i)),
 * sample variances.
 */
export function cronbachAlpha(cols: number[][]): number | null {
  const k = cols.length;
  if (k < 2 || (cols[0]?.length ?? 0) < 2) return null;
  const totals = cols[0]!.map((_, i) => cols.reduce((s, c) => s + c[i]!, 0));
  const v = (xs: number[]): number => meanSd(xs).sd ** 2;
  const vt = v(totals);
  if (vt === 0) return null;
  return (k / (k - 1)) * (1 - cols.reduce((s, c) => s + v(c), 0) / vt);
}

/**
 * Cronbach's alpha as COINr's get_cronbach computes it: the covariance matrix
 * C with pairwise-complete observations (NaN = missing; each entry over the
 * units where both values are present, sample covariance), then
 * k² · mean(off-diagonal C) / ΣC, entries that cannot be computed left out.
 */
export function cronbachAlphaPairwise(cols: number[][]): number | null {
  const k = cols.length;
  if (k < 2) return null;
  let all = 0;
  let diag = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const xs: number[] = [];
      const ys: number[] = [];
      cols[i]!.forEach((x, u) => {
        const y = cols[j]![u]!;
        if (!Number.isNaN(x) && !Number.isNaN(y)) {
          xs.push(x);
          ys.push(y);
        }
      });
      if (xs.length < 2) continue; // R's NA, dropped by sum(na.rm = TRUE)
      const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
      const my = ys.reduce((s, y) => s + y, 0) / ys.length;
      const c = xs.reduce((s, x, q) => s + (x - mx) * (ys[q]! - my), 0) / (xs.length - 1);
      all += c;
      if (i === j) diag += c;
    }
  }
  if (all === 0) return null;
  const offMean = (all - diag) / (k * (k - 1));
  return (k * k * offMean) / all;
}

/**
 * The loadings of the first principal component of the correlation matrix
 * (a unit eigenvector, as R's prcomp rotation[, 1]); the sign of an
 * eigenvector is arbitrary, so it is chosen to make the loadings sum to 0 or
 * more. Null for fewer than two columns or a constant one.
 */
export function firstComponentLoadings(cols: number[][]): number[] | null {
  if (cols.length < 2) return null;
  const r = cols.map((a) => cols.map((b) => correlation(a, b)));
  if (r.some((row) => row.some((x) => Number.isNaN(x)))) return null;
  const v = symmetricEigen(r).vectors[0]!;
  const sum = v.reduce((s, x) => s + x, 0);
  return sum < 0 ? v.map((x) => -x) : v;
}

/** The share of variance the first principal component of the correlation matrix explains. */
export function firstComponentShare(cols: number[][]): number | null {
  if (cols.length < 2) return null;
  const r = cols.map((a) => cols.map((b) => correlation(a, b)));
  if (r.some((row) => row.some((x) => Number.isNaN(x)))) return null;
  const { values } = symmetricEigen(r);
  return values[0]! / cols.length;
}

/** Audits a table in the period `yi`: raw indicators, and every inner node's children by their scores; `scoresNote` says why the scores are not the run's asked-for method. */
export function auditTable(t: IndexTable, yi: number, scoresNote: Audit['scoresNote'] = null): Audit {
  const fw = t.framework;
  const units = t.units.map((_, u) => u).filter((u) => !t.aggregate[u]);
  const year = t.years[yi]!;
  const indicators: IndicatorStats[] = [];
  const baseYi = t.yearIdx(t.basePeriod ?? t.baseYear);
  for (const n of fw.nodes) {
    if (n.children.length > 0 || !t.nodeHasData[n.index]) continue;
    const vals = units.map((u) => t.observed(u, yi, n.index));
    const xs = vals.filter((v): v is number => v !== null);
    const { mean, sd } = xs.length ? meanSd(xs) : { mean: NaN, sd: NaN };
    const sk = skew(xs);
    const kt = kurt(xs);
    let tinyBase: string[] = [];
    if (baseYi !== undefined && t.record.leaves.normalise.name === 'fixed-base') {
      const bases = units.map((u) => ({ u, b: t.observed(u, baseYi, n.index) })).filter((x): x is { u: number; b: number } => x.b !== null && x.b > 0);
      const mid = median(bases.map((x) => x.b));
      tinyBase = bases.filter((x) => x.b < 0.01 * mid).map((x) => t.units[x.u]!);
    }
    const num = (x: number): number | null => (Number.isFinite(x) ? x : null);
    indicators.push({
      node: n.id, count: xs.length, missingShare: units.length ? 1 - xs.length / units.length : 0,
      mean: num(mean), sd: num(sd), min: xs.length ? Math.min(...xs) : null, max: xs.length ? Math.max(...xs) : null,
      skew: num(sk), kurt: num(kt), outlier: Number.isFinite(sk) && Number.isFinite(kt) && Math.abs(sk) > 2 && kt > 3.5, tinyBase,
    });
  }
  const nodes: NodeAudit[] = [];
  const score = (u: number, n: number): number | null => t.value(u, yi, n);
  for (const p of fw.nodes) {
    const kids = p.children.filter((c) => t.nodeHasData[c]);
    if (kids.length === 0) continue;
    // units with every child, the node and the index present
    const complete = units.filter((u) => kids.every((c) => score(u, c) !== null) && score(u, p.index) !== null && score(u, 0) !== null);
    const col = (n: number): number[] => complete.map((u) => score(u, n)!);
    const ids = kids.map((c) => fw.nodes[c]!.id);
    const among: Corr[] = [];
    for (let i = 0; i < kids.length; i++) for (let j = i + 1; j < kids.length; j++) among.push(corr(ids[i]!, ids[j]!, col(kids[i]!), col(kids[j]!)));
    const cols = kids.map(col);
    // the raw values of every indicator under the node (missing as NaN), for COINr's alpha
    const leaves: number[] = [];
    const below = (n: number): void => {
      for (const c of fw.nodes[n]!.children) {
        if (!t.nodeHasData[c]) continue;
        if (fw.nodes[c]!.children.length === 0) leaves.push(c);
        else below(c);
      }
    };
    below(p.index);
    const rawCols = leaves.map((c) => units.map((u) => t.observed(u, yi, c) ?? NaN));
    const loadings = complete.length > 2 ? firstComponentLoadings(cols) : null;
    nodes.push({
      node: p.id,
      children: ids,
      among,
      withNode: kids.map((c, i) => corr(ids[i]!, p.id, col(c), col(p.index))),
      withIndex: p.index === 0 ? [] : kids.map((c, i) => corr(ids[i]!, fw.nodes[0]!.id, col(c), col(0))),
      cronbachAlpha: complete.length > 1 ? cronbachAlpha(cols) : null,
      cronbachAlphaRaw: cronbachAlphaPairwise(rawCols),
      pc1Share: complete.length > 2 ? firstComponentShare(cols) : null,
      pc1Loadings: loadings === null ? null : loadings.map((x, i) => ({ node: ids[i]!, loading: x })),
    });
  }
  return { year: year === 0 ? null : year, scores: specText(t.record.leaves.normalise), scoresNote, units: units.length, indicators, nodes };
}
