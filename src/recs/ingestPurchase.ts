// Service behind `nextbest ingest` (and the API's purchase endpoint): appends one order line and
// refreshes that customer's recommendations without retraining — the model folds the customer's
// new history in (ALS: exact re-solve of the user vector against fixed item factors; repurchase
// term rebuilt) and their product_recommendations rows get a new last_update_date.
import { UserError } from '../domain/errors.ts';
import { interactionLogFromLines } from '../models/interactionLogFromLines.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';
import { logWithUserRow } from './logWithUserRow.ts';
import { recsRowsForUsers, type RecsSettings } from './productRecommendations.ts';
import type { FoldInCapable, RecsEngine } from './recsEngine.ts';
import { replaceCustomerRecommendations, type RecsRows } from './recsOutput.ts';

export interface Purchase {
  customerId: string;
  productId: string;
  /** Units bought (> 0); default 1. */
  quantity?: number;
  /** Unit price; default the product's list price, else its latest sold price, else 0. */
  price?: number;
  /** Default `live-<customer>-<epoch ms>`. */
  orderId?: string;
  /** Wall-clock time of the purchase; default now. */
  at?: Date;
}

/** Local wall-clock "now" as a UTC-epoch Date (timestamps are stored without zone). */
export function wallClockNow(): Date {
  return new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
}

export async function ingestPurchase(store: Store, engine: RecsEngine, p: Purchase, settings: RecsSettings): Promise<{ rows: RecsRows; tableUpdated: boolean }> {
  const customerId = p.customerId.trim(), productId = p.productId.trim();
  if (!customerId) throw new UserError('--customer is empty');
  if (!productId) throw new UserError('--product is empty');
  const quantity = p.quantity ?? 1;
  if (!(quantity > 0) || !Number.isFinite(quantity)) throw new UserError(`--quantity must be a number > 0 (got ${p.quantity})`);
  if (p.price !== undefined && !(p.price >= 0 && Number.isFinite(p.price))) throw new UserError(`--price must be a number ≥ 0 (got ${p.price})`);
  const at = p.at ?? wallClockNow();
  const known = await store.one<{ price: number | null }>(
    `SELECT (SELECT price FROM products WHERE product_id = $1) AS price
     WHERE EXISTS (SELECT 1 FROM products WHERE product_id = $1) OR EXISTS (SELECT 1 FROM order_lines WHERE product_id = $1)`, [productId]);
  if (!known && !engine.productIndex.has(productId)) throw new UserError(`unknown product '${productId}': import it (products or order lines) first`);
  let price = p.price ?? known?.price ?? null;
  if (price === null) {
    const last = await store.one<{ p: number | null }>(`SELECT arg_max(unit_price, ts) AS p FROM order_lines WHERE product_id = ?`, [productId]);
    price = last?.p ?? 0;
  }
  const orderId = p.orderId ?? `live-${customerId}-${at.getTime()}`;
  await store.transaction(async () => {
    await store.run(`INSERT INTO customers (customer_id) VALUES (?) ON CONFLICT DO NOTHING`, [customerId]);
    await store.run(
      `INSERT INTO order_lines (order_id, product_id, line_no, customer_id, quantity, unit_price, amount, ts, kind)
       SELECT $1, $2, coalesce(max(line_no) + 1, 0), $3, $4, $5, $4 * $5, $6::TIMESTAMP, 'purchase'
       FROM order_lines WHERE order_id = $1 AND product_id = $2`,
      [orderId, productId, customerId, quantity, price, isoLocal(at)]);
  });
  // Dense indices; new customers and products go to the end of the dictionaries.
  const indexOf = (ids: string[], map: Map<string, number>, id: string) => map.get(id) ?? (map.set(id, ids.length), ids.push(id) - 1);
  const u = indexOf(engine.customerIds, engine.customerIndex, customerId);
  indexOf(engine.productIds, engine.productIndex, productId);
  // The customer's whole purchase history from the store, up to and including the new line.
  const asOf = Math.max(engine.log.asOf, at.getTime() + 1);
  const cols = await store.columns(
    `SELECT product_id, order_id, quantity, amount, epoch_ms(ts)::DOUBLE AS t FROM order_lines
     WHERE customer_id = ? AND kind = 'purchase' AND quantity > 0 AND ts < ?::TIMESTAMP ORDER BY ts, order_id, product_id, line_no`,
    { product_id: 'str', order_id: 'str', quantity: 'f64', amount: 'f64', t: 'f64' }, [customerId, isoLocal(new Date(asOf))]);
  const orderIdx = new Map<string, number>();
  const n = cols.t.length;
  const row = interactionLogFromLines({
    nUsers: 1, nItems: engine.productIds.length, user: new Int32Array(n),
    item: Int32Array.from(cols.product_id, (id) => indexOf(engine.productIds, engine.productIndex, id)),
    order: Int32Array.from(cols.order_id, (id) => orderIdx.get(id) ?? (orderIdx.set(id, orderIdx.size), orderIdx.size - 1)),
    quantity: cols.quantity, amount: cols.amount, ts: cols.t,
  }, asOf);
  engine.log = logWithUserRow(engine.log, u, row, engine.productIds.length);
  const model = engine.model as unknown as Partial<FoldInCapable>;
  if (!model.foldIn) throw new UserError(`model '${engine.modelName}' cannot take a purchase without retraining; run recommend again`);
  model.foldIn(engine.log, u);
  engine.fingerprint = { lines: engine.fingerprint.lines + 1, maxTs: Math.max(engine.fingerprint.maxTs, at.getTime()) };
  const rows = await recsRowsForUsers(store, engine, Int32Array.of(u), settings);
  const tableUpdated = await replaceCustomerRecommendations(store, rows);
  return { rows, tableUpdated };
}
