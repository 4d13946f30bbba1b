// Order statistics shared by preparation, review and audit.

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
