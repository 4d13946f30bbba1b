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
