// Transpose of a CSR matrix (rows × cols → cols × rows), values optional. Counting sort: O(nnz + rows + cols),
// and column indices of the result come out ascending because rows are visited in order.

export interface Csr {
  nRows: number;
  nCols: number;
  /** length nRows + 1 */
  indptr: Int32Array;
  /** column index per entry, ascending within a row */
  indices: Int32Array;
  /** value per entry (same length as indices), or undefined for a binary matrix */
  values?: Float32Array;
}

export function csrTranspose(m: Csr): Csr {
  const nnz = m.indptr[m.nRows];
  const indptr = new Int32Array(m.nCols + 1);
  for (let e = 0; e < nnz; e++) indptr[m.indices[e] + 1]++;
  for (let c = 0; c < m.nCols; c++) indptr[c + 1] += indptr[c];
  const fill = indptr.slice(0, m.nCols);
  const indices = new Int32Array(nnz);
  const values = m.values ? new Float32Array(nnz) : undefined;
  for (let r = 0; r < m.nRows; r++) {
    for (let e = m.indptr[r]; e < m.indptr[r + 1]; e++) {
      const pos = fill[m.indices[e]]++;
      indices[pos] = r;
      if (values) values[pos] = m.values![e];
    }
  }
  return { nRows: m.nCols, nCols: m.nRows, indptr, indices, values };
}
