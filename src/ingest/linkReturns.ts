// Links each return line to the purchase order it cancels: among purchases of the same customer
// and product strictly before the return, with quantity >= the returned quantity (|q|), the
// latest one (ties → the greatest order_id). Candidates are the file's purchases and the stored ones.
import { quoteIdent, type Store } from '../store/store.ts';

export interface ReturnLinks {
  linked: number;
  unlinked: number;
}

/** Sets cancels_order_id on return rows of temp table `final` (order_lines columns) where it is NULL. */
export async function linkReturns(store: Store, final: string): Promise<ReturnLinks> {
  const f = quoteIdent(final);
  await store.run(`UPDATE ${f} SET cancels_order_id = m.order_id FROM (
      SELECT r.__line, arg_max(p.order_id, (p.ts, p.order_id)) AS order_id
      FROM (SELECT __line, customer_id, product_id, quantity, ts FROM ${f} WHERE kind = 'return' AND cancels_order_id IS NULL) r
      JOIN (SELECT order_id, customer_id, product_id, quantity, ts FROM ${f} WHERE kind = 'purchase'
            UNION ALL
            SELECT order_id, customer_id, product_id, quantity, ts FROM order_lines WHERE kind = 'purchase') p
        ON p.customer_id = r.customer_id AND p.product_id = r.product_id AND p.ts < r.ts AND p.quantity >= -r.quantity
      GROUP BY r.__line) m
    WHERE ${f}.__line = m.__line`);
  const row = (await store.one<{ linked: bigint; unlinked: bigint }>(
    `SELECT count(*) FILTER (WHERE cancels_order_id IS NOT NULL) AS linked, count(*) FILTER (WHERE cancels_order_id IS NULL) AS unlinked
     FROM ${f} WHERE kind = 'return'`,
  ))!;
  return { linked: Number(row.linked), unlinked: Number(row.unlinked) };
}
