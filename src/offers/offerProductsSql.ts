// SQL yielding (offer_id, product_id) for the given offers: a product belongs to an offer when the
// offer's attribute node matches it, or it is in the offer's explicit list. Scopes may overlap.
import { quoteIdent, quoteLiteral } from '../store/store.ts';
import type { Offer } from '../domain/types.ts';

export function offerProductsSql(offers: Offer[]): string {
  const parts = offers.map((o) =>
    o.scope.kind === 'attribute'
      ? `SELECT ${quoteLiteral(o.offerId)} AS offer_id, product_id FROM products WHERE ${quoteIdent(o.scope.attribute)}::VARCHAR = ${quoteLiteral(o.scope.value)}`
      : `SELECT ${quoteLiteral(o.offerId)} AS offer_id, unnest(${'[' + o.scope.productIds.map(quoteLiteral).join(',') + ']::VARCHAR[]'}) AS product_id`,
  );
  return parts.length ? parts.join('\nUNION ALL\n') : `SELECT NULL::VARCHAR AS offer_id, NULL::VARCHAR AS product_id WHERE false`;
}
