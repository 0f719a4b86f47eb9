// `nextbest offers from-attribute family`: one offer per distinct value of a product attribute.
import type { Offer } from '../domain/types.ts';
import { UserError } from '../domain/errors.ts';
import { upsertOffers } from '../store/offerTable.ts';
import { quoteIdent, type Store } from '../store/store.ts';

export async function offersFromAttribute(store: Store, attribute: string, opts: { idPrefix?: string; exclude?: string[] } = {}): Promise<Offer[]> {
  const cols = (await store.all<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'products'`)).map((c) => c.name);
  if (!cols.includes(attribute) || ['product_id', 'name', 'price'].includes(attribute)) {
    const attrs = cols.filter((c) => !['product_id', 'name', 'price'].includes(c));
    throw new UserError(`products have no attribute '${attribute}'${attrs.length ? ` (attributes: ${attrs.join(', ')})` : ' (import products with attribute columns first)'}`);
  }
  const values = await store.all<{ v: string }>(
    `SELECT DISTINCT ${quoteIdent(attribute)}::VARCHAR AS v FROM products WHERE ${quoteIdent(attribute)} IS NOT NULL ORDER BY v`);
  if (values.length === 0) throw new UserError(`attribute '${attribute}' has no values in products`);
  const excluded = new Set(opts.exclude ?? []);
  const offers: Offer[] = values.filter(({ v }) => !excluded.has(v)).map(({ v }) => ({
    offerId: `${opts.idPrefix ?? attribute}=${v}`,
    name: v,
    scope: { kind: 'attribute', attribute, value: v },
    mechanism: 'other', value: null, validFrom: null, validTo: null, level: 'all', cost: null,
  }));
  await store.transaction(() => upsertOffers(store, offers));
  return offers;
}
