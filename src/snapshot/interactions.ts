// Order lines as typed arrays over dense id dictionaries: the input of every model and backtest.
// Dictionaries are global (all customers / products that appear in purchase lines, sorted), so a
// history slice and a test slice of the same load share indices.
import type { Store } from '../store/store.ts';
import { recordedHistoryAsOf } from './historyAsOf.ts';

/** Purchase lines with what every scorer reads: per line (length n) dense customer and product index, amount, epoch ms. */
export interface PurchaseLines {
  customerIds: string[];
  productIds: string[];
  cust: Int32Array;
  prod: Int32Array;
  amount: Float64Array;
  ts: Float64Array;
}

/** PurchaseLines plus quantity and dense order index per line (recommenders and backtests read baskets). */
export interface Interactions extends PurchaseLines {
  qty: Float64Array;
  order: Int32Array;
}

let readSeq = 0;

/** Purchase lines (kind = 'purchase', quantity > 0), sorted by ts. `to` is exclusive. */
export async function interactionsFromStore(store: Store, range: { from?: Date; to?: Date } = {}): Promise<Interactions> {
  return linesFromStore(store, range, true);
}

/**
 * The same lines without quantity and order index: what TOR scorers read (they have no baskets). Sorted
 * by ts, then customer index (an integer sort: lines at one ts come in customer order, not order-id
 * order). At ~50M lines that leaves out 12 bytes a line, the order-id numbering (a distinct, a window and
 * a join) and a string sort key.
 */
export async function purchaseLinesFromStore(store: Store, range: { from?: Date; to?: Date } = {}): Promise<PurchaseLines> {
  return linesFromStore(store, range, false);
}

type Range = { from?: Date; to?: Date };
async function linesFromStore(store: Store, range: Range, baskets: true): Promise<Interactions>;
async function linesFromStore(store: Store, range: Range, baskets: false): Promise<PurchaseLines>;
async function linesFromStore(store: Store, range: Range, baskets: boolean): Promise<PurchaseLines | Interactions> {
  const where: string[] = [`kind = 'purchase'`, `quantity > 0`];
  const params: string[] = [];
  if (range.from) {
    where.push(`ts >= ?::TIMESTAMP`);
    params.push(isoLocal(range.from));
  }
  if (range.to) {
    where.push(`ts < ?::TIMESTAMP`);
    params.push(isoLocal(range.to));
  }
  const cond = where.join(' AND ');
  // Dictionaries once, as temp tables: read for the id lists and joined for the dense indices.
  const purchase = `FROM order_lines WHERE kind = 'purchase' AND quantity > 0`;
  const tag = ++readSeq; // unique temp names: concurrent reads on one connection must not collide
  const dc = `_dict_c${tag}`,
    dp = `_dict_p${tag}`;
  await store.run(`CREATE TEMP TABLE ${dc} AS
    SELECT customer_id, (row_number() OVER (ORDER BY customer_id) - 1)::INTEGER AS ci FROM (SELECT DISTINCT customer_id ${purchase})`);
  await store.run(`CREATE TEMP TABLE ${dp} AS
    SELECT product_id, (row_number() OVER (ORDER BY product_id) - 1)::INTEGER AS pi FROM (SELECT DISTINCT product_id ${purchase})`);
  try {
    const customerIds = (await store.columns(`SELECT customer_id FROM ${dc} ORDER BY ci`, { customer_id: 'str' })).customer_id;
    const productIds = (await store.columns(`SELECT product_id FROM ${dp} ORDER BY pi`, { product_id: 'str' })).product_id;
    const joins = `JOIN ${dc} c USING (customer_id) JOIN ${dp} p USING (product_id)`;
    if (!baskets) {
      const cols = await store.columns(
        `SELECT c.ci, p.pi, l.amount, epoch_ms(l.ts)::DOUBLE AS t FROM (SELECT * FROM order_lines WHERE ${cond}) l ${joins}
         ORDER BY l.ts, c.ci, p.pi, l.line_no`,
        { ci: 'i32', pi: 'i32', amount: 'f64', t: 'f64' },
        params,
      );
      return { customerIds, productIds, cust: cols.ci, prod: cols.pi, amount: cols.amount, ts: cols.t };
    }
    const cols = await store.columns(
      `WITH l AS (SELECT * FROM order_lines WHERE ${cond}),
            o AS (SELECT order_id, (row_number() OVER (ORDER BY order_id) - 1)::INTEGER AS oi
                  FROM (SELECT DISTINCT order_id FROM l))
       SELECT c.ci, p.pi, l.quantity, l.amount, epoch_ms(l.ts)::DOUBLE AS t, o.oi
       FROM l ${joins} JOIN o USING (order_id) ORDER BY l.ts, o.oi, p.pi, l.line_no`,
      { ci: 'i32', pi: 'i32', quantity: 'f64', amount: 'f64', t: 'f64', oi: 'i32' },
      params,
    );
    return { customerIds, productIds, cust: cols.ci, prod: cols.pi, qty: cols.quantity, amount: cols.amount, ts: cols.t, order: cols.oi };
  } finally {
    await store.run(`DROP TABLE IF EXISTS ${dc}`);
    await store.run(`DROP TABLE IF EXISTS ${dp}`);
  }
}

/**
 * Default as-of date: the midnight after the bulk-imported history (recorded in meta, see
 * historyAsOf.ts: real-time lines do not move it), else after the latest stored line; null on an empty store.
 */
export async function defaultAsOf(store: Store): Promise<Date | null> {
  const recorded = await recordedHistoryAsOf(store);
  if (recorded) return parseDateArg(recorded.slice(0, 19));
  const row = await store.one<{ d: Date | null }>(`SELECT (date_trunc('day', max(ts)) + INTERVAL 1 DAY) AS d FROM order_lines`);
  return row?.d ? new Date(row.d) : null;
}

/** Timestamps are local wall-clock without zone; we carry them as UTC-epoch Dates of the same wall clock. */
export function isoLocal(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** Parses a user date (`2011-09-01`, `2011-09-01 10:00`, ISO) as wall-clock time. */
export function parseDateArg(s: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s.trim());
  if (!m) throw new Error(`not a date: '${s}' (use YYYY-MM-DD or YYYY-MM-DD HH:MM)`);
  const [, y, mo, d, h = '0', mi = '0', se = '0'] = m;
  const out = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +se));
  if (out.getUTCMonth() !== +mo - 1 || out.getUTCDate() !== +d) throw new Error(`not a valid date: '${s}'`);
  return out;
}

/** The same lines in the shape the models take (see src/models/interactionLogFromLines.ts). */
export function purchaseLinesFromInteractions(x: Interactions) {
  return {
    nUsers: x.customerIds.length,
    nItems: x.productIds.length,
    user: x.cust,
    item: x.prod,
    order: x.order,
    quantity: x.qty,
    amount: x.amount,
    ts: x.ts,
  };
}
