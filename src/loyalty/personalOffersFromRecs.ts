// Personal offers from product recommendations: one offer configured once (benefit, validity),
// whose product list per member is that member's top recommended products (product_recommendations,
// written by `recommend`), kept to the offer's own product list when it has one.
import { NotFoundError, UserError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import { memberCondition } from './loyaltyMembers.ts';
import { personalOfferRowsSql, writePersonalOffers, type PersonalOffersWritten } from './personalOffersFromTor.ts';

export async function personalOffersFromRecs(store: Store, offerId: string, top: number): Promise<PersonalOffersWritten> {
  const offer = await store.one<{ scope_products: string[] | null }>(`SELECT scope_products FROM offers WHERE offer_id = ?`, [offerId]);
  if (!offer) throw new NotFoundError(`no offer ${offerId}`);
  if (!(await store.one(`SELECT 1 AS x FROM information_schema.tables WHERE table_name = 'product_recommendations'`))) {
    throw new UserError('no product recommendations stored: run `nextbest recommend --table` first');
  }
  const inScope = offer.scope_products
    ? `AND list_contains((SELECT scope_products FROM offers WHERE offer_id = ?), recommended_item_id)`
    : '';
  const rel = `(SELECT user_unique_id AS customer_id, ?::VARCHAR AS offer_id,
      list(recommended_item_id ORDER BY ranking)[1:${top}] AS products
    FROM product_recommendations JOIN customers c ON c.customer_id = user_unique_id
    WHERE ${await memberCondition(store)} ${inScope} GROUP BY 1)`;
  return writePersonalOffers(store, personalOfferRowsSql(rel, 'recs'), offer.scope_products ? [offerId, offerId] : [offerId], 'recs');
}
