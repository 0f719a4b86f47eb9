// k-th order statistic in O(n) expected time (Hoare partition quickselect).

/** Value of rank k (0-based, ascending) among a[0..len); reorders a[0..len) in place. */
export function kthSmallestInPlace(a: Float32Array | Float64Array, len: number, k: number): number {
  let lo = 0,
    hi = len - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo,
      j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** The value of rank k (0-based, ascending) in src, on a copy (src is untouched). */
export function kthSmallest(src: Float64Array, k: number): number {
  return kthSmallestInPlace(Float64Array.from(src), src.length, k);
}
