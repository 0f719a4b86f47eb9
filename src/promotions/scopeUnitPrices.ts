// Mean price of one unit in each offer's scope (the cost of a free unit in a BOGO): purchase lines
// before the as-of date, else the catalogue price, else 0.
import type { Offer } from '../domain/types.ts';
import { offerProductsSql } from '../offers/offerProductsSql.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';

export async function scopeUnitPrices(store: Store, offers: Offer[], asOf: Date): Promise<Float64Array> {
  if (!offers.length) return new Float64Array(0);
  const rows = await store.all<{ offer_id: string; price: number | null }>(
    `WITH op AS (${offerProductsSql(offers)}),
     sold AS (SELECT product_id, avg(unit_price) AS p FROM order_lines
              WHERE kind = 'purchase' AND quantity > 0 AND ts < ?::TIMESTAMP GROUP BY product_id)
     SELECT op.offer_id, avg(coalesce(sold.p, pr.price))::DOUBLE AS price
     FROM op LEFT JOIN sold USING (product_id) LEFT JOIN products pr USING (product_id) GROUP BY op.offer_id`,
    [isoLocal(asOf)],
  );
  const byId = new Map(rows.map((r) => [r.offer_id, r.price]));
  return Float64Array.from(offers, (o) => byId.get(o.offerId) ?? 0);
}
