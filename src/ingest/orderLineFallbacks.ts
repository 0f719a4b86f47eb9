// Order lines from logs that are not receipts (clicks, views, ratings, exports without baskets) lack
// columns a receipt has. Instead of refusing the file, the import computes them (as SQL over the
// parsed columns, like a recipe's `computed`):
//   order_id   one order per customer and timestamp, '<customer_id>@<ts>': deterministic, so a
//              re-import matches its lines and lines of one basket stay one order
//   quantity   1 (each line is one interaction)
//   unit_price amount / quantity when the file has an amount, else 0 (the schema keeps it NOT NULL);
//              revenue objectives then refuse the store (snapshot/pricesPresent.ts)
import { quoteIdent } from '../store/store.ts';
import type { Mapping } from './columnMapping.ts';

/** Order-line columns the import can compute when the file has none (see above). */
export const ORDER_LINE_FALLBACK_COLUMNS = ['order_id', 'quantity', 'unit_price'];

/**
 * Computed-column SQL for the fallback columns the file (`map`) and the recipe (`computed`) leave
 * out, with a note per column for the summary. Expressions read parsed columns only, never each other
 * (computed columns are one SELECT), so the quantity fallback is inlined where unit_price needs it.
 */
export function orderLineFallbacks(
  map: Mapping,
  computed: Record<string, string>,
): { sql: Record<string, string>; notes: Record<string, string> } {
  const absent = (c: string) => map[c] === undefined && computed[c] === undefined;
  const sql: Record<string, string> = {};
  const notes: Record<string, string> = {};
  const q = quoteIdent;
  if (absent('order_id') && map.ts !== undefined) {
    // no ts (evaluate's files): the caller orders lines itself
    sql.order_id = `COALESCE(${q('customer_id')}, '') || '@' || COALESCE(replace(CAST(${q('ts')} AS VARCHAR), ' ', 'T'), '')`;
    notes.order_id = 'one order per customer and timestamp';
  }
  const quantity = absent('quantity') ? '1' : q('quantity');
  if (absent('quantity')) {
    sql.quantity = '1::DOUBLE';
    notes.quantity = '1 per line';
  }
  if (absent('unit_price')) {
    const fromAmount = map.amount !== undefined;
    sql.unit_price = fromAmount ? `COALESCE(CASE WHEN ${quantity} <> 0 THEN abs(${q('amount')} / ${quantity}) END, 0)` : '0::DOUBLE';
    notes.unit_price = fromAmount ? 'amount / quantity' : '0 (no prices: revenue and margin objectives will refuse the store)';
  }
  return { sql, notes };
}
