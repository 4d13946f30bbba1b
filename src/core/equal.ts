// When two values are the same value: the one comparison every rule that
// asks "equal?" uses (review's `unchanged`, `diff`'s revisions, conflicts
// between merged submissions, ties in ranks).

/**
 * The relative tolerance under which two values are equal: 1e-9. Far above
 * what binary arithmetic leaves behind (a double's relative step is 2.2e-16,
 * so 3.5000000000000004 and 3.5 are equal), far below any difference a person
 * makes by typing or rounding (the smallest printed change of a 10-digit
 * figure is 1e-10 of it only past the tenth digit).
 */
export const EQUAL_TOLERANCE = 1e-9;

/** Whether a and b are equal: |a − b| ≤ tolerance · max(|a|, |b|) (exactly equal values always are). */
export function sameValue(a: number, b: number, tolerance = EQUAL_TOLERANCE): boolean {
  return a === b || Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * How many values two rows (of `a` and `b`, N slots a row) both have among
 * the leaves when every one of them is the same (one comparison, one
 * tolerance), or 0 as soon as one differs: a copied form.
 */
export function sameValues(a: Float64Array, rowA: number, b: Float64Array, rowB: number, N: number, leafIndex: ArrayLike<number>): number {
  let compared = 0;
  for (let l = 0; l < leafIndex.length; l++) {
    const n = leafIndex[l]!;
    const v = a[rowA * N + n]!;
    const p = b[rowB * N + n]!;
    if (Number.isNaN(v) || Number.isNaN(p)) continue;
    if (!sameValue(p, v)) return 0;
    compared++;
  }
  return compared;
}
