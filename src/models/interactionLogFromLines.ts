// Builds the CSR InteractionLog (users × items) from time-sorted purchase lines.
// Per (user, item) entry: distinct orders, total quantity and amount, first and last purchase time.
import type { InteractionLog } from './recommender.ts';

export interface PurchaseLines {
  nUsers: number;
  nItems: number;
  /** Per line (length n), sorted by ts ascending: user index, item index, order index, quantity, amount, epoch ms. */
  user: Int32Array;
  item: Int32Array;
  order: Int32Array;
  quantity: Float64Array;
  amount: Float64Array;
  ts: Float64Array;
}

/** `asOf` (epoch ms, exclusive): lines at or after it are ignored, so a log is always a snapshot. */
export function interactionLogFromLines(lines: PurchaseLines, asOf: number): InteractionLog {
  const { nUsers, nItems } = lines;
  let n = 0;
  while (n < lines.ts.length && lines.ts[n] < asOf) n++;
  // Sort line indices by (user, item, ts) with a counting sort on user then a per-row sort on item.
  const rowCount = new Int32Array(nUsers + 1);
  for (let i = 0; i < n; i++) rowCount[lines.user[i] + 1]++;
  for (let u = 0; u < nUsers; u++) rowCount[u + 1] += rowCount[u];
  const byUser = new Int32Array(n);
  const fill = rowCount.slice(0, nUsers);
  for (let i = 0; i < n; i++) byUser[fill[lines.user[i]]++] = i; // stable: ts order kept within a user
  const indptr = new Int32Array(nUsers + 1);
  const tmpIdx: number[] = [];
  // First pass counts distinct items per user; second fills aggregates.
  const ent = {
    item: [] as number[],
    orders: [] as number[],
    qty: [] as number[],
    amt: [] as number[],
    first: [] as number[],
    last: [] as number[],
  };
  for (let u = 0; u < nUsers; u++) {
    tmpIdx.length = 0;
    for (let j = rowCount[u]; j < rowCount[u + 1]; j++) tmpIdx.push(byUser[j]);
    tmpIdx.sort((a, b) => lines.item[a] - lines.item[b] || lines.ts[a] - lines.ts[b] || a - b);
    let j = 0;
    while (j < tmpIdx.length) {
      const it = lines.item[tmpIdx[j]];
      let orders = 0,
        qty = 0,
        amt = 0,
        lastOrder = -1;
      const first = lines.ts[tmpIdx[j]];
      let last = first;
      while (j < tmpIdx.length && lines.item[tmpIdx[j]] === it) {
        const li = tmpIdx[j];
        if (lines.order[li] !== lastOrder) {
          orders++;
          lastOrder = lines.order[li];
        }
        qty += lines.quantity[li];
        amt += lines.amount[li];
        last = lines.ts[li];
        j++;
      }
      ent.item.push(it);
      ent.orders.push(orders);
      ent.qty.push(qty);
      ent.amt.push(amt);
      ent.first.push(first);
      ent.last.push(last);
    }
    indptr[u + 1] = ent.item.length;
  }
  return {
    nUsers,
    nItems,
    indptr,
    indices: Int32Array.from(ent.item),
    orders: Float32Array.from(ent.orders),
    quantity: Float32Array.from(ent.qty),
    amount: Float32Array.from(ent.amt),
    firstTs: Float64Array.from(ent.first),
    lastTs: Float64Array.from(ent.last),
    asOf,
    lineUser: lines.user.slice(0, n),
    lineItem: lines.item.slice(0, n),
    lineTs: lines.ts.slice(0, n),
  };
}
