// Offers whose scope holds no stored product. Such an offer scores 0 for every customer in a TOR: it
// is not an error (the catalogue may change), but `tor compute` says so instead of computing silently.
import type { Offer } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import { offerProductsSql } from './offerProductsSql.ts';

/** One warning line per offer with no product in scope (empty when every offer has one). */
export async function offersWithoutProducts(store: Store, offers: Offer[]): Promise<string[]> {
  if (!offers.length) return [];
  const rows = await store.all<{ offer_id: string }>(
    `SELECT DISTINCT op.offer_id FROM (${offerProductsSql(offers)}) op JOIN products p USING (product_id)`,
  );
  const matched = new Set(rows.map((r) => r.offer_id));
  return offers
    .filter((o) => !matched.has(o.offerId))
    .map((o) => {
      const scope =
        o.scope.kind === 'attribute' ? `${o.scope.attribute} = '${o.scope.value}'` : `${o.scope.productIds.length} listed products`;
      return `warning: offer ${o.offerId} (scope ${scope}) matches no product: it scores 0 for every customer`;
    });
}
