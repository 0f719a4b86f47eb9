// Confidence weights of implicit ALS from the purchase log: per CSR entry, w = c − 1 = α·f(r),
// and the item-major (transposed) copy the item sweep needs.
import type { AlsConfig } from './alsConfig.ts';
import type { InteractionLog } from './recommender.ts';
import { DAY as DAY_MS } from '../math/day.ts';

/** Per entry of log (same order as log.indices): w = α·f(r) ≥ 0, so c = 1 + w. */
export function alsWeightsFromLog(
  log: InteractionLog,
  cfg: Pick<AlsConfig, 'alpha' | 'signal' | 'transform' | 'recencyHalfLifeDays'>,
): Float32Array {
  const n = log.indices.length;
  const w = new Float32Array(n);
  for (let e = 0; e < n; e++) {
    let r =
      cfg.signal === 'binary' ? 1 : cfg.signal === 'orders' ? log.orders[e] : cfg.signal === 'quantity' ? log.quantity[e] : log.amount[e];
    if (!(r > 0)) r = 0;
    if (cfg.recencyHalfLifeDays > 0) r *= Math.pow(2, -Math.max(0, log.asOf - log.lastTs[e]) / (cfg.recencyHalfLifeDays * DAY_MS));
    w[e] = cfg.alpha * (cfg.transform === 'log' ? Math.log1p(r) : r);
  }
  return w;
}

/** CSR (rows × cols) → CSR of the transpose, carrying one value array. Column order ascending within a row. */
export function transposeCsr(nRows: number, nCols: number, indptr: Int32Array, indices: Int32Array, values: Float32Array) {
  const nnz = indices.length;
  const tptr = new Int32Array(nCols + 1);
  for (let e = 0; e < nnz; e++) tptr[indices[e] + 1]++;
  for (let c = 0; c < nCols; c++) tptr[c + 1] += tptr[c];
  const fill = tptr.slice(0, nCols);
  const tind = new Int32Array(nnz);
  const tval = new Float32Array(nnz);
  for (let r = 0; r < nRows; r++) {
    for (let e = indptr[r]; e < indptr[r + 1]; e++) {
      const at = fill[indices[e]]++;
      tind[at] = r;
      tval[at] = values[e];
    }
  }
  return { indptr: tptr, indices: tind, values: tval };
}
