// Service behind `nextbest ingest` and `POST /v1/order-lines`: stores purchase lines in one
// transaction and refreshes those customers' recommendations without retraining — the model folds
// each customer's new history in (ALS: exact re-solve of the user vector against fixed item
// factors; repurchase term rebuilt) and their product_recommendations rows get a new last_update_date.
// The model's as-of does not move: a line after it counts as a purchase made "now" (age 0) for its
// customer only, and the store's default as-of stays pinned (see snapshot/historyAsOf.ts).
import { wallClockNow } from '../domain/wallClockNow.ts';
import { UserError } from '../domain/errors.ts';
import { interactionLogFromLines } from '../models/interactionLogFromLines.ts';
import { pinHistoryAsOf } from '../snapshot/historyAsOf.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';
import { logWithUserRows } from './logWithUserRow.ts';
import { recsRowsForUsers, type RecsSettings } from './productRecommendations.ts';
import { foldInUsers, type FoldInCapable, type RecsEngine } from './recsEngine.ts';
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

/** How messages name a line's fields: CLI flags (`--quantity`) or API fields (`body.lines.3.quantity`). */
export interface LineLabels {
  customer: string;
  product: string;
  quantity: string;
  price: string;
  unknownProduct: string;
}
export const cliLabels = (): LineLabels => ({
  customer: '--customer',
  product: '--product',
  quantity: '--quantity',
  price: '--price',
  unknownProduct: '',
});
export const apiLabels = (i: number): LineLabels => {
  const f = (k: string) => `body.lines.${i}.${k}`;
  return {
    customer: f('customerId'),
    product: f('productId'),
    quantity: f('quantity'),
    price: f('unitPrice'),
    unknownProduct: `${f('productId')}: `,
  };
};

interface ResolvedLine {
  customerId: string;
  productId: string;
  quantity: number;
  price: number;
  orderId: string;
  at: Date;
}

/** A product's default unit price: its list price, else its latest sold price, else 0; null when the product is unknown. */
async function defaultPrice(store: Store, engine: RecsEngine | null, productId: string): Promise<number | null> {
  const known = await store.one<{ price: number | null }>(
    `SELECT (SELECT price FROM products WHERE product_id = $1) AS price
     WHERE EXISTS (SELECT 1 FROM products WHERE product_id = $1) OR EXISTS (SELECT 1 FROM order_lines WHERE product_id = $1)`,
    [productId],
  );
  if (!known && !engine?.productIndex.has(productId)) return null;
  if (known?.price != null) return known.price;
  const last = await store.one<{ p: number | null }>(`SELECT arg_max(unit_price, ts) AS p FROM order_lines WHERE product_id = ?`, [
    productId,
  ]);
  return last?.p ?? 0;
}

async function resolveLine(
  store: Store,
  engine: RecsEngine | null,
  p: Purchase,
  label: LineLabels,
  prices: Map<string, Promise<number | null>>,
): Promise<ResolvedLine> {
  const customerId = p.customerId.trim(),
    productId = p.productId.trim();
  if (!customerId) throw new UserError(`${label.customer} is empty`);
  if (!productId) throw new UserError(`${label.product} is empty`);
  const quantity = p.quantity ?? 1;
  if (!(quantity > 0) || !Number.isFinite(quantity)) throw new UserError(`${label.quantity} must be a number > 0 (got ${p.quantity})`);
  if (p.price !== undefined && !(p.price >= 0 && Number.isFinite(p.price)))
    throw new UserError(`${label.price} must be a number ≥ 0 (got ${p.price})`);
  const at = p.at ?? wallClockNow();
  // Once per product in a batch.
  if (!prices.has(productId)) prices.set(productId, defaultPrice(store, engine, productId));
  const fallback = await prices.get(productId)!;
  if (fallback === null)
    throw new UserError(`${label.unknownProduct}unknown product '${productId}': import it (products or order lines) first`);
  return { customerId, productId, quantity, price: p.price ?? fallback, orderId: p.orderId ?? `live-${customerId}-${at.getTime()}`, at };
}

/** Checks every line (nothing is written if one is wrong) and stores them in one transaction. Returns the distinct customers. */
export async function storePurchases(
  store: Store,
  engine: RecsEngine | null,
  purchases: Purchase[],
  labels: (i: number) => LineLabels = cliLabels,
): Promise<string[]> {
  const lines: ResolvedLine[] = [];
  const prices = new Map<string, Promise<number | null>>();
  for (let i = 0; i < purchases.length; i++) lines.push(await resolveLine(store, engine, purchases[i], labels(i), prices));
  await store.transaction(async () => {
    await pinHistoryAsOf(store);
    for (const l of lines) {
      await store.run(`INSERT INTO customers (customer_id) VALUES (?) ON CONFLICT DO NOTHING`, [l.customerId]);
      await store.run(
        `INSERT INTO order_lines (order_id, product_id, line_no, customer_id, quantity, unit_price, amount, ts, kind)
         SELECT $1, $2, coalesce(max(line_no) + 1, 0), $3, $4, $5, $4 * $5, $6::TIMESTAMP, 'purchase'
         FROM order_lines WHERE order_id = $1 AND product_id = $2`,
        [l.orderId, l.productId, l.customerId, l.quantity, l.price, isoLocal(l.at)],
      );
    }
  });
  // Backdated lines change the history the model state was fitted on (lines before the as-of);
  // later ones are not part of it: they are folded in, now and whenever the state is loaded.
  if (engine) {
    for (const l of lines) {
      if (l.at.getTime() >= engine.log.asOf) continue;
      engine.fingerprint = { lines: engine.fingerprint.lines + 1, maxTs: Math.max(engine.fingerprint.maxTs, l.at.getTime()) };
    }
  }
  return [...new Set(lines.map((l) => l.customerId))];
}

/**
 * Re-reads the customers' purchases and folds them into the engine in one step (one query, one
 * splice of the log, one fold-in call); returns their dense indices.
 */
export async function foldInCustomers(store: Store, engine: RecsEngine, customerIds: string[], latest: number): Promise<Int32Array> {
  const model = engine.model as unknown as Partial<FoldInCapable>;
  if (!model.foldIn) throw new UserError(`model '${engine.modelName}' cannot take a purchase without retraining; run recommend again`);
  // Dense indices; new customers and products go to the end of the dictionaries.
  const indexOf = (ids: string[], map: Map<string, number>, id: string) => map.get(id) ?? (map.set(id, ids.length), ids.push(id) - 1);
  const users = Int32Array.from(customerIds, (id) => indexOf(engine.customerIds, engine.customerIndex, id));
  const local = new Map(customerIds.map((id, j) => [id, j]));
  // Their purchases: all of them when real-time lines are folded, else up to the as-of (and the
  // new lines). The rows keep the engine's as-of, so no other customer's recency moves.
  const cut = engine.foldsLater ? null : isoLocal(new Date(Math.max(engine.log.asOf, latest + 1)));
  const cols = await store.columns(
    `SELECT customer_id, product_id, order_id, quantity, amount, epoch_ms(ts)::DOUBLE AS t FROM order_lines
     WHERE customer_id IN (${customerIds.map(() => '?').join(', ')}) AND kind = 'purchase' AND quantity > 0
       ${cut ? 'AND ts < ?::TIMESTAMP' : ''} ORDER BY ts, order_id, product_id, line_no`,
    { customer_id: 'str', product_id: 'str', order_id: 'str', quantity: 'f64', amount: 'f64', t: 'f64' },
    cut ? [...customerIds, cut] : customerIds,
  );
  const orderIdx = new Map<string, number>();
  const rows = interactionLogFromLines(
    {
      nUsers: customerIds.length,
      nItems: engine.productIds.length,
      user: Int32Array.from(cols.customer_id, (id) => local.get(id)!),
      item: Int32Array.from(cols.product_id, (id) => indexOf(engine.productIds, engine.productIndex, id)),
      order: Int32Array.from(cols.order_id, (id) => orderIdx.get(id) ?? (orderIdx.set(id, orderIdx.size), orderIdx.size - 1)),
      quantity: cols.quantity,
      amount: cols.amount,
      ts: cols.t,
    },
    Number.POSITIVE_INFINITY,
  );
  engine.log = logWithUserRows(engine.log, rows, users, engine.productIds.length);
  foldInUsers(engine.model, engine.log, users);
  return users;
}

/** Stores the purchases, folds each customer in, refreshes their lists (and their table rows). */
export async function ingestPurchases(
  store: Store,
  engine: RecsEngine,
  purchases: Purchase[],
  settings: RecsSettings,
  labels?: (i: number) => LineLabels,
): Promise<{ rows: RecsRows; tableUpdated: boolean }> {
  const customers = await storePurchases(store, engine, purchases, labels);
  const latest = Math.max(...purchases.map((p) => (p.at ?? wallClockNow()).getTime()));
  const users = await foldInCustomers(store, engine, customers, latest);
  const rows = await recsRowsForUsers(store, engine, users, settings);
  const tableUpdated = await replaceCustomerRecommendations(store, rows);
  return { rows, tableUpdated };
}

export async function ingestPurchase(
  store: Store,
  engine: RecsEngine,
  p: Purchase,
  settings: RecsSettings,
): Promise<{ rows: RecsRows; tableUpdated: boolean }> {
  return ingestPurchases(store, engine, [p], settings);
}
