// Purchase occasions per (user, item) entry of an InteractionLog: the distinct purchase times,
// merging lines less than `mergeMs` apart (several lines or orders on one visit = one occasion).
import { csrFind } from '../math/csrFind.ts';
import type { InteractionLog } from './recommender.ts';

export interface EntryOccasions {
  /** length nnz + 1: occasions of entry e are ts[ptr[e] .. ptr[e+1]), ascending. */
  ptr: Int32Array;
  ts: Float64Array;
}

export function entryOccasionsFromLog(log: InteractionLog, mergeMs: number): EntryOccasions {
  const nnz = log.indptr[log.nUsers];
  const n = log.lineTs.length;
  const entryOf = new Int32Array(n);
  const count = new Int32Array(nnz + 1);
  for (let l = 0; l < n; l++) {
    const e = csrFind(log.indptr, log.indices, log.lineUser[l], log.lineItem[l]);
    entryOf[l] = e;
    count[e + 1]++;
  }
  for (let e = 0; e < nnz; e++) count[e + 1] += count[e];
  const fill = count.slice(0, nnz);
  const raw = new Float64Array(n);
  for (let l = 0; l < n; l++) raw[fill[entryOf[l]]++] = log.lineTs[l]; // stays ascending: lines are time-sorted
  // compact: keep a time only when it is at least mergeMs after the previous kept one
  const ptr = new Int32Array(nnz + 1);
  const ts = new Float64Array(n);
  let w = 0;
  for (let e = 0; e < nnz; e++) {
    let prev = -Infinity;
    for (let j = count[e]; j < count[e + 1]; j++) {
      if (raw[j] - prev >= mergeMs) {
        ts[w++] = raw[j];
        prev = raw[j];
      }
    }
    ptr[e + 1] = w;
  }
  return { ptr, ts: ts.slice(0, w) };
}
