// User–user neighbours by cosine of weighted purchase vectors (pure; worker or in-thread).
//   v_u = unit-L2 row of the users × items weight matrix,  sim(u, v) = v_u · v_v
// Work for users [from, to): Σ over their items of the item's buyer count.
import { topKIntoRow } from '../math/topK.ts';

export interface UserKnnInput {
  nUsers: number;
  nItems: number;
  /** users × items CSR with unit-norm rows */
  userPtr: Int32Array;
  userItems: Int32Array;
  userVals: Float32Array;
  /** items × users CSR (transpose) with the same values */
  itemPtr: Int32Array;
  itemUsers: Int32Array;
  itemVals: Float32Array;
  k: number;
}

export interface UserNeighbourBlock {
  from: number;
  to: number;
  /** (to − from) × k: neighbour user, similarity (-1 / 0 padding) */
  users: Int32Array;
  sims: Float32Array;
}

export function userNeighboursForRange(x: UserKnnInput, range: { from: number; to: number }): UserNeighbourBlock {
  const { k } = x;
  const rows = range.to - range.from;
  const users = new Int32Array(rows * k),
    sims = new Float32Array(rows * k);
  const acc = new Float64Array(x.nUsers);
  const touched = new Int32Array(x.nUsers);
  const mark = new Uint8Array(x.nUsers);
  const sim = new Float64Array(x.nUsers);
  for (let u = range.from; u < range.to; u++) {
    let nt = 0;
    for (let a = x.userPtr[u]; a < x.userPtr[u + 1]; a++) {
      const i = x.userItems[a],
        w = x.userVals[a];
      for (let b = x.itemPtr[i]; b < x.itemPtr[i + 1]; b++) {
        const v = x.itemUsers[b];
        if (!mark[v]) {
          mark[v] = 1;
          touched[nt++] = v;
        }
        acc[v] += w * x.itemVals[b];
      }
    }
    const cand = touched.subarray(0, nt).sort();
    for (let t = 0; t < nt; t++) sim[t] = cand[t] === u ? -Infinity : acc[cand[t]];
    const off = (u - range.from) * k;
    topKIntoRow(sim, 0, nt, k, users, sims, off);
    for (let t = off; t < off + k; t++) {
      if (users[t] < 0) sims[t] = 0;
      else users[t] = cand[users[t]];
    }
    for (let t = 0; t < nt; t++) {
      acc[cand[t]] = 0;
      mark[cand[t]] = 0;
    }
  }
  return { from: range.from, to: range.to, users, sims };
}
