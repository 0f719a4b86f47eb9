// Revenue and margin objectives weigh each offer by the customer's expected spend, read from the
// order lines' amounts. Logs imported without prices (clicks, ratings: unit_price 0, see
// ingest/orderLineFallbacks.ts) have no spend, so those objectives would rank on zeros and look
// like they worked: refuse them with what to do instead. A store with some priced lines passes
// (zero-price lines are also free samples).
import { UserError } from '../domain/errors.ts';
import type { TorObjective } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import { isoLocal } from './interactions.ts';

const NEEDS_PRICES: readonly TorObjective[] = ['revenue', 'margin', 'uplift'];

/** Purchase lines before `asOf`, and how many of them carry a positive amount. */
export async function pricedPurchaseLines(store: Store, asOf: Date): Promise<{ lines: number; priced: number }> {
  const r = await store.one<{ n: bigint; priced: bigint }>(
    `SELECT count(*) AS n, count(*) FILTER (WHERE amount > 0) AS priced
     FROM order_lines WHERE kind = 'purchase' AND quantity > 0 AND ts < ?::TIMESTAMP`,
    [isoLocal(asOf)],
  );
  return { lines: Number(r?.n ?? 0), priced: Number(r?.priced ?? 0) };
}

/** Throws a UserError when `objective` needs prices and no purchase line before `asOf` has one. */
export async function requirePricesForObjective(store: Store, objective: TorObjective, asOf: Date): Promise<void> {
  if (!NEEDS_PRICES.includes(objective)) return;
  const { lines, priced } = await pricedPurchaseLines(store, asOf);
  if (lines === 0 || priced > 0) return; // no history at all is reported by the compute itself
  throw new UserError(
    `objective ${objective} needs prices, but none of the ${lines.toLocaleString('en-US')} purchase lines before ` +
      `${isoLocal(asOf).slice(0, 10)} has a price (order lines imported without unit_price or amount): use objective purchase ` +
      `(--objective purchase), or re-import the order lines with a unit_price or amount column`,
  );
}
