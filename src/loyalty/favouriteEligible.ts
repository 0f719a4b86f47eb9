// The products members may pick as favourites, prepared in advance per validity period
// (table favourite_eligible, loaded by `loyalty eligible load`). Validity is inclusive, as for offers.
import type { Store } from '../store/store.ts';
import { isoLocal } from '../snapshot/interactions.ts';

/** SQL condition: product column `col` is on the eligible list at the timestamp parameter `?`. */
export function eligibleSql(col: string): string {
  return `${col} IN (SELECT product_id FROM favourite_eligible
    WHERE (valid_from IS NULL OR valid_from <= ?::TIMESTAMP) AND (valid_to IS NULL OR ?::TIMESTAMP <= valid_to))`;
}

export interface EligibleProduct {
  productId: string;
  name: string | null;
}

/** The eligible products at a date, by id; `limit` caps the list (the count is always exact). */
export async function eligibleAt(store: Store, at: Date, limit = 10_000): Promise<{ count: number; products: EligibleProduct[] }> {
  const d = isoLocal(at);
  const rows = await store.all<{ product_id: string; name: string | null }>(
    `SELECT p.product_id, p.name FROM products p WHERE ${eligibleSql('p.product_id')} ORDER BY p.product_id`,
    [d, d],
  );
  return { count: rows.length, products: rows.slice(0, limit).map((r) => ({ productId: r.product_id, name: r.name })) };
}

export async function isEligible(store: Store, productId: string, at: Date): Promise<boolean> {
  const d = isoLocal(at);
  return Boolean(await store.one(`SELECT 1 AS x WHERE ${eligibleSql('?')}`, [productId, d, d]));
}
