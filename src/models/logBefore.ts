// An earlier snapshot of a log: its lines before `cutoff`, re-aggregated. Used to fit models on a
// validation split inside fit() (blend, tune) without going back to the store.
// The raw lines carry no order id, quantity or amount, so here an order = one (user, timestamp)
// and each line counts quantity 1 / amount 1; the models read only orders and times.
import { interactionLogFromLines } from './interactionLogFromLines.ts';
import type { InteractionLog } from './recommender.ts';

export function logBefore(log: InteractionLog, cutoff: number): InteractionLog {
  let n = 0;
  while (n < log.lineTs.length && log.lineTs[n] < cutoff) n++;
  const order = new Int32Array(n);
  const lastTs = new Float64Array(log.nUsers).fill(NaN);
  const lastOrder = new Int32Array(log.nUsers);
  let next = 0;
  for (let l = 0; l < n; l++) {
    const u = log.lineUser[l];
    if (lastTs[u] !== log.lineTs[l]) { lastTs[u] = log.lineTs[l]; lastOrder[u] = next++; }
    order[l] = lastOrder[u];
  }
  const ones = new Float64Array(n).fill(1);
  return interactionLogFromLines({
    nUsers: log.nUsers, nItems: log.nItems,
    user: log.lineUser.subarray(0, n), item: log.lineItem.subarray(0, n), order,
    quantity: ones, amount: ones, ts: log.lineTs.subarray(0, n),
  }, cutoff);
}

/** Distinct items each user bought in [from, to), from time-sorted lines: truth[u] (empty set when none). */
export function purchasesInWindow(
  nUsers: number, user: Int32Array, item: Int32Array, ts: Float64Array, from: number, to: number,
): Set<number>[] {
  const out = Array.from({ length: nUsers }, () => new Set<number>());
  for (let l = 0; l < ts.length; l++) if (ts[l] >= from && ts[l] < to) out[user[l]].add(item[l]);
  return out;
}

/** Distinct purchase occasions (user, timestamp) per user among lines before `cutoff`. */
export function ordersPerUser(log: InteractionLog, cutoff = log.asOf): Int32Array {
  const out = new Int32Array(log.nUsers);
  const lastTs = new Float64Array(log.nUsers).fill(NaN);
  for (let l = 0; l < log.lineTs.length && log.lineTs[l] < cutoff; l++) {
    const u = log.lineUser[l];
    if (lastTs[u] !== log.lineTs[l]) { lastTs[u] = log.lineTs[l]; out[u]++; }
  }
  return out;
}
