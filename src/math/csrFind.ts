// Position of (row, col) in a CSR matrix with ascending column indices per row: binary search, O(log deg).

/** Entry index of (row, col), or -1 when the entry is absent. */
export function csrFind(indptr: Int32Array, indices: Int32Array, row: number, col: number): number {
  let lo = indptr[row],
    hi = indptr[row + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = indices[mid];
    if (c === col) return mid;
    if (c < col) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
