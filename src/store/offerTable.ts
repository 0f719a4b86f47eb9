// Reads and writes the `offers` table as domain Offer objects.
import type { Offer, OfferLevel, OfferMechanism } from '../domain/types.ts';
import type { Store } from './store.ts';

interface OfferRow {
  offer_id: string;
  name: string;
  scope_attribute: string | null;
  scope_value: string | null;
  scope_products: string[] | null;
  mechanism: string;
  value: number | null;
  valid_from: Date | null;
  valid_to: Date | null;
  level: string;
  cost: number | null;
  audience: string | null;
  customer_ids: string[] | null;
  attribution_days?: number | null;
}

function offerFromRow(r: OfferRow): Offer {
  return {
    offerId: r.offer_id,
    name: r.name,
    scope:
      r.scope_attribute !== null
        ? { kind: 'attribute', attribute: r.scope_attribute, value: r.scope_value ?? '' }
        : { kind: 'products', productIds: r.scope_products ?? [] },
    mechanism: r.mechanism as OfferMechanism,
    value: r.value,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    level: r.level as OfferLevel,
    cost: r.cost,
    audience: r.audience,
    customerIds: r.customer_ids,
    ...(r.attribution_days != null ? { attributionDays: r.attribution_days } : {}),
  };
}

export async function listOffers(store: Store): Promise<Offer[]> {
  return (await store.all<OfferRow>(`SELECT * FROM offers ORDER BY offer_id`)).map(offerFromRow);
}

/** Offers by id, in the order asked; throws listing every unknown id. */
export async function getOffers(store: Store, ids: string[]): Promise<Offer[]> {
  const all = new Map((await listOffers(store)).map((o) => [o.offerId, o]));
  const missing = ids.filter((id) => !all.has(id));
  if (missing.length) throw new Error(`unknown offer id(s): ${missing.join(', ')}`);
  return ids.map((id) => all.get(id)!);
}

export async function upsertOffers(store: Store, offers: Offer[]): Promise<void> {
  for (const o of offers) {
    const attr = o.scope.kind === 'attribute' ? o.scope : null;
    const products = o.scope.kind === 'products' ? o.scope.productIds : null;
    await store.run(
      `INSERT OR REPLACE INTO offers (offer_id, name, scope_attribute, scope_value, scope_products, mechanism, value,
         valid_from, valid_to, level, cost, audience, customer_ids)
       VALUES (?, ?, ?, ?, ?::VARCHAR[], ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, ?, ?, ?, ?::VARCHAR[])`,
      [
        o.offerId,
        o.name,
        attr?.attribute ?? null,
        attr?.value ?? null,
        products ? JSON.stringify(products) : null,
        o.mechanism,
        o.value,
        o.validFrom?.toISOString() ?? null,
        o.validTo?.toISOString() ?? null,
        o.level,
        o.cost,
        o.audience ?? null,
        o.customerIds ? JSON.stringify(o.customerIds) : null,
      ],
    );
  }
}
