// `nextbest offers from-attribute family`: one offer per distinct value of a product attribute.
import type { Offer } from '../domain/types.ts';
import { UserError } from '../domain/errors.ts';
import { upsertOffers } from '../store/offerTable.ts';
import { quoteIdent, type Store } from '../store/store.ts';
import { getHierarchy } from '../store/meta.ts';

export async function offersFromAttribute(
  store: Store,
  attribute: string,
  opts: { idPrefix?: string; exclude?: string[] } = {},
): Promise<Offer[]> {
  const cols = (
    await store.all<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'products'`)
  ).map((c) => c.name);
  if (!cols.includes(attribute) || ['product_id', 'name', 'price'].includes(attribute)) {
    const attrs = cols.filter((c) => !['product_id', 'name', 'price'].includes(c));
    throw new UserError(
      `products have no attribute '${attribute}'${attrs.length ? ` (attributes: ${attrs.join(', ')})` : ' (import products with attribute columns first)'}`,
    );
  }
  // A lower hierarchy level carries its ancestors (department > family): the offer's name shows
  // the path, each ancestor being the value most of the node's products have.
  const hierarchy = await getHierarchy(store);
  const ancestors = hierarchy.slice(0, Math.max(0, hierarchy.indexOf(attribute))).filter((a) => cols.includes(a));
  const values = await store.all<{ v: string; path: string | null }>(
    `SELECT ${quoteIdent(attribute)}::VARCHAR AS v,
       ${ancestors.length ? ancestors.map((a) => `coalesce(mode(${quoteIdent(a)}::VARCHAR), '?')`).join(` || ' > ' || `) : 'NULL'} AS path
     FROM products WHERE ${quoteIdent(attribute)} IS NOT NULL GROUP BY 1 ORDER BY v`,
  );
  if (values.length === 0) throw new UserError(`attribute '${attribute}' has no values in products`);
  const excluded = new Set(opts.exclude ?? []);
  const offers: Offer[] = values
    .filter(({ v }) => !excluded.has(v))
    .map(({ v, path }) => ({
      offerId: `${opts.idPrefix ?? attribute}=${v}`,
      name: path ? `${path} > ${v}` : v,
      scope: { kind: 'attribute', attribute, value: v },
      mechanism: 'other',
      value: null,
      validFrom: null,
      validTo: null,
      level: 'all',
      cost: null,
    }));
  await store.transaction(() => upsertOffers(store, offers));
  return offers;
}
