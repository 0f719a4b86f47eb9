// Item–item neighbours on the binary users × items purchase matrix (pure; runs in a worker or in-thread).
//   c_ij = #users who bought both i and j, n_i = #buyers of i
//   sim(i→j) = c_ij / (n_i^α · n_j^(1−α)) · c_ij / (c_ij + λ)
// α = 0.5 is cosine; α → 1 approaches P(j | i). λ shrinks similarities resting on few co-buyers.
// Work for items [from, to): Σ over their buyers of the buyer's item count.
import { topKIntoRow } from '../math/topK.ts';

export interface KnnInput {
  nUsers: number;
  nItems: number;
  /** users × items CSR pattern */
  userPtr: Int32Array;
  userItems: Int32Array;
  /** items × users CSR pattern (transpose) */
  itemPtr: Int32Array;
  itemUsers: Int32Array;
  k: number;
  alpha: number;
  shrinkage: number;
}

export interface NeighbourBlock {
  from: number;
  to: number;
  /** (to − from) × k, row-major; -1 / 0 where an item has fewer than k co-bought items */
  items: Int32Array;
  sims: Float32Array;
}

export function neighboursForRange(x: KnnInput, range: { from: number; to: number }): NeighbourBlock {
  const { k } = x;
  const rows = range.to - range.from;
  const items = new Int32Array(rows * k);
  const sims = new Float32Array(rows * k);
  const co = new Float64Array(x.nItems);
  const touched = new Int32Array(x.nItems);
  const sim = new Float64Array(x.nItems);
  for (let i = range.from; i < range.to; i++) {
    let nt = 0;
    for (let a = x.itemPtr[i]; a < x.itemPtr[i + 1]; a++) {
      const u = x.itemUsers[a];
      for (let b = x.userPtr[u]; b < x.userPtr[u + 1]; b++) {
        const j = x.userItems[b];
        if (co[j] === 0) touched[nt++] = j;
        co[j]++;
      }
    }
    const ni = x.itemPtr[i + 1] - x.itemPtr[i];
    // only co-bought items can be neighbours: rank those (sorted, so ties keep the lower item index)
    const cand = touched.subarray(0, nt).sort();
    for (let t = 0; t < nt; t++) {
      const j = cand[t];
      const c = co[j];
      const nj = x.itemPtr[j + 1] - x.itemPtr[j];
      sim[t] = j === i ? -Infinity : (c / (Math.pow(ni, x.alpha) * Math.pow(nj, 1 - x.alpha))) * (c / (c + x.shrinkage));
    }
    const off = (i - range.from) * k;
    topKIntoRow(sim, 0, nt, k, items, sims, off);
    for (let t = off; t < off + k; t++) {
      if (items[t] < 0) sims[t] = 0;
      else items[t] = cand[items[t]];
    }
    for (let t = 0; t < nt; t++) co[cand[t]] = 0;
  }
  return { from: range.from, to: range.to, items, sims };
}
