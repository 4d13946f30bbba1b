// Statistics in one place, below everything that uses them (the core's
// weights, preparation, review and audit): medians, means and standard
// deviations, correlation, skewness and kurtosis (e1071 type 2, COINr's).

/**
 * The median of numbers, as R's median (the mean of the two middle values of
 * an even count), NaN for none: quickselect on a typed copy, O(n) (the
 * pre-review takes one per indicator and period).
 */
export function median(xs: ArrayLike<number>): number {
  return medianInPlace(Float64Array.from(xs));
}

/** The median of a typed array, reordering it (no copy: the caller's scratch space). */
export function medianInPlace(a: Float64Array): number {
  if (a.length === 0) return NaN;
  const m = a.length >> 1;
  selectKth(a, m);
  if (a.length % 2 === 1) return a[m]!;
  // a[0..m-1] are the m smallest: the largest of them is the other middle value
  let lower = a[0]!;
  for (let i = 1; i < m; i++) if (a[i]! > lower) lower = a[i]!;
  return (lower + a[m]!) / 2;
}

/** Moves the k-th smallest value to a[k], smaller ones before it and larger after (Hoare's FIND; numbers without NaN). */
function selectKth(a: Float64Array, k: number): void {
  let l = 0;
  let r = a.length - 1;
  while (l < r) {
    const pivot = a[(l + r) >> 1]!;
    let i = l;
    let j = r;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return;
  }
}

/** Sample standard deviation and mean. */
export function sdMean(c: number[]): { sd: number; mean: number } {
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

/**
 * e1071 type 2 skewness and excess kurtosis of the first n values (no NaN),
 * one pass for both: [skew, kurt], NaN with fewer than 3 (skew) or 4 (kurt)
 * values. The same sums in the same order as skew and kurt alone, so the same doubles.
 */
export function skewKurt(xs: ArrayLike<number>, n: number): [number, number] {
  if (n < 3) return [NaN, NaN];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i]!;
  const m = sum / n;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - m;
    // each product once (d * d * d is (d * d) * d): the same sums, fewer intermediate numbers for cold code to box
    const d2 = d * d;
    const d3 = d2 * d;
    s2 += d2;
    s3 += d3;
    s4 += d3 * d;
  }
  const sk = ((Math.sqrt(n) * s3) / s2 ** 1.5) * (Math.sqrt(n * (n - 1)) / (n - 2));
  if (n < 4) return [sk, NaN];
  const r = (n * s4) / (s2 * s2);
  return [sk, (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3))];
}

/** e1071 type 2 skewness (COINr's skew): NaN with fewer than 3 values. */
export function skew(xs: number[]): number {
  return skewKurt(xs, xs.length)[0];
}

/** e1071 type 2 excess kurtosis (COINr's kurt): NaN with fewer than 4 values. */
export function kurt(xs: number[]): number {
  return skewKurt(xs, xs.length)[1];
}
