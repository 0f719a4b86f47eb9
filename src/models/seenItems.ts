// The part of an InteractionLog that `recommend({ excludeSeen })` needs after save/load: which
// items each user bought (CSR pattern only), plus the sizes and as-of time.
import type { InteractionLog } from './recommender.ts';

export interface SeenItems {
  nUsers: number;
  nItems: number;
  asOf: number;
  indptr: Int32Array;
  indices: Int32Array;
}

export function seenItemsFromLog(log: InteractionLog): SeenItems {
  return { nUsers: log.nUsers, nItems: log.nItems, asOf: log.asOf, indptr: log.indptr, indices: log.indices };
}

/** As an InteractionLog-shaped object for topNFromScores (only nUsers, nItems, indptr, indices are read). */
export function seenAsLog(s: SeenItems): InteractionLog {
  const none = new Float32Array(0);
  return {
    nUsers: s.nUsers,
    nItems: s.nItems,
    asOf: s.asOf,
    indptr: s.indptr,
    indices: s.indices,
    orders: none,
    quantity: none,
    amount: none,
    firstTs: new Float64Array(0),
    lastTs: new Float64Array(0),
    lineUser: new Int32Array(0),
    lineItem: new Int32Array(0),
    lineTs: new Float64Array(0),
  };
}
