// A copy of an InteractionLog with some users' CSR rows replaced (or new users appended), used to
// reflect purchases without rebuilding the whole log: O(nnz) array copies in as many blocks as
// replaced users, no re-aggregation.
import type { InteractionLog } from '../models/recommender.ts';

type EntryArray = Int32Array | Float32Array | Float64Array;

/**
 * `rows`: a log over local users 0..k−1 whose row j becomes user `users[j]`'s (users distinct);
 * nItems grows to cover them. The result keeps `log`'s as-of.
 */
export function logWithUserRows(log: InteractionLog, rows: InteractionLog, users: ArrayLike<number>, nItems: number): InteractionLog {
  let nUsers = log.nUsers;
  for (let j = 0; j < users.length; j++) nUsers = Math.max(nUsers, users[j] + 1);
  const order = Array.from({ length: users.length }, (_, j) => j).sort((a, b) => users[a] - users[b]);
  const oldLen = (v: number) => (v < log.nUsers ? log.indptr[v + 1] - log.indptr[v] : 0);
  const oldAt = (v: number) => (v <= log.nUsers ? log.indptr[v] : log.indices.length);
  const replaced = new Map<number, number>(order.map((j) => [users[j], j]));
  const indptr = new Int32Array(nUsers + 1);
  for (let v = 0; v < nUsers; v++) {
    const j = replaced.get(v);
    indptr[v + 1] = indptr[v] + (j === undefined ? oldLen(v) : rows.indptr[j + 1] - rows.indptr[j]);
  }
  const splice = <T extends EntryArray>(a: T, b: T): T => {
    const out = new (a.constructor as new (n: number) => T)(indptr[nUsers]);
    let from = 0; // first user whose old row is not copied yet
    for (const j of order) {
      const u = users[j];
      out.set(a.subarray(oldAt(from), oldAt(u)) as never, indptr[from]); // unchanged users from..u−1 in one block
      out.set(b.subarray(rows.indptr[j], rows.indptr[j + 1]) as never, indptr[u]);
      from = u + 1;
    }
    if (from < nUsers) out.set(a.subarray(oldAt(from), oldAt(nUsers)) as never, indptr[from]);
    return out;
  };
  return {
    ...log,
    nUsers,
    nItems: Math.max(log.nItems, nItems),
    indptr,
    ...linesWithUserRows(log, rows, users, replaced),
    indices: splice(log.indices, rows.indices),
    orders: splice(log.orders, rows.orders),
    quantity: splice(log.quantity, rows.quantity),
    amount: splice(log.amount, rows.amount),
    firstTs: splice(log.firstTs, rows.firstTs),
    lastTs: splice(log.lastTs, rows.lastTs),
  };
}

/**
 * The raw time-sorted lines (what occasion counts and repurchase cycles read): the replaced users'
 * old lines out, their new ones in, merged by time. O(lines).
 */
function linesWithUserRows(log: InteractionLog, rows: InteractionLog, users: ArrayLike<number>, replaced: Map<number, number>) {
  const n = log.lineTs.length,
    m = rows.lineTs.length;
  let kept = 0;
  for (let l = 0; l < n; l++) if (!replaced.has(log.lineUser[l])) kept++;
  const lineUser = new Int32Array(kept + m),
    lineItem = new Int32Array(kept + m),
    lineTs = new Float64Array(kept + m);
  let a = 0,
    b = 0,
    k = 0;
  while (a < n || b < m) {
    while (a < n && replaced.has(log.lineUser[a])) a++;
    const takeOld = a < n && (b >= m || log.lineTs[a] <= rows.lineTs[b]);
    if (!takeOld && b >= m) break;
    if (takeOld) {
      lineUser[k] = log.lineUser[a];
      lineItem[k] = log.lineItem[a];
      lineTs[k++] = log.lineTs[a++];
    } else {
      lineUser[k] = users[rows.lineUser[b]];
      lineItem[k] = rows.lineItem[b];
      lineTs[k++] = rows.lineTs[b++];
    }
  }
  return { lineUser, lineItem, lineTs };
}
