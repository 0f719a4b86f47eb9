// A copy of an InteractionLog with one user's CSR row replaced (or a new user appended), used to
// reflect a purchase without rebuilding the whole log. O(nnz) array copies, no re-aggregation.
import type { InteractionLog } from '../models/recommender.ts';

/** row: a one-user log (nUsers = 1) whose entries become user u's; nItems grows to cover them. */
export function logWithUserRow(log: InteractionLog, u: number, row: InteractionLog, nItems: number): InteractionLog {
  const nUsers = Math.max(log.nUsers, u + 1);
  const oldStart = u < log.nUsers ? log.indptr[u] : log.indices.length;
  const oldEnd = u < log.nUsers ? log.indptr[u + 1] : log.indices.length;
  const add = row.indices.length, delta = add - (oldEnd - oldStart);
  const indptr = new Int32Array(nUsers + 1);
  for (let v = 0; v <= nUsers; v++) {
    const base = v <= log.nUsers ? log.indptr[v] : log.indices.length;
    indptr[v] = v <= u ? base : base + delta;
  }
  const splice = <T extends Int32Array | Float32Array | Float64Array>(a: T, b: T): T => {
    const out = new (a.constructor as new (n: number) => T)(a.length + delta);
    out.set(a.subarray(0, oldStart) as never, 0);
    out.set(b as never, oldStart);
    out.set(a.subarray(oldEnd) as never, oldStart + add);
    return out;
  };
  return {
    ...log, nUsers, nItems: Math.max(log.nItems, nItems), indptr,
    indices: splice(log.indices, row.indices), orders: splice(log.orders, row.orders), quantity: splice(log.quantity, row.quantity),
    amount: splice(log.amount, row.amount), firstTs: splice(log.firstTs, row.firstTs), lastTs: splice(log.lastTs, row.lastTs),
    asOf: Math.max(log.asOf, row.asOf),
  };
}
