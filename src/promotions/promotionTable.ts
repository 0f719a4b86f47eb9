// Reads and writes the `promotions` table as Promotion objects.
import type { OfferLevel } from '../domain/types.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import type { Promotion, PromotionMechanism } from './promotion.ts';

interface PromotionRow {
  promotion_id: string;
  name: string;
  scope_attribute: string | null;
  scope_value: string | null;
  scope_products: string[] | null;
  mechanism: string;
  value: number | null;
  valid_from: Date | null;
  valid_to: Date | null;
  channel: string;
  level: string;
  audience: string | null;
  customer_ids: string[] | null;
  cost: number | null;
  point_cost: number | null;
  redemption_cost: number | null;
  stock: number | null;
  budget: number | null;
  source: string;
}

function promotionFromRow(r: PromotionRow): Promotion {
  return {
    promotionId: r.promotion_id,
    name: r.name,
    scope:
      r.scope_attribute !== null
        ? { kind: 'attribute', attribute: r.scope_attribute, value: r.scope_value ?? '' }
        : { kind: 'products', productIds: r.scope_products ?? [] },
    mechanism: r.mechanism as PromotionMechanism,
    value: r.value,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    channel: r.channel,
    level: r.level as OfferLevel,
    audience: r.audience,
    customerIds: r.customer_ids,
    cost: r.cost,
    pointCost: r.point_cost,
    redemptionCost: r.redemption_cost,
    stock: r.stock === null ? null : Number(r.stock),
    budget: r.budget,
    source: r.source,
  };
}

export async function listPromotions(store: Store): Promise<Promotion[]> {
  return (await store.all<PromotionRow>(`SELECT * FROM promotions ORDER BY promotion_id`)).map(promotionFromRow);
}

export async function getPromotion(store: Store, id: string): Promise<Promotion> {
  const r = await store.all<PromotionRow>(`SELECT * FROM promotions WHERE promotion_id = ?`, [id]);
  if (!r.length) throw new NotFoundError(`no promotion ${id}`);
  return promotionFromRow(r[0]);
}

/** Inserts or replaces promotions by id; call inside a transaction to store all or nothing. */
export async function upsertPromotions(store: Store, promotions: Promotion[]): Promise<void> {
  for (const p of promotions) {
    const attr = p.scope.kind === 'attribute' ? p.scope : null;
    const products = p.scope.kind === 'products' ? p.scope.productIds : null;
    await store.run(
      `INSERT OR REPLACE INTO promotions (promotion_id, name, scope_attribute, scope_value, scope_products, mechanism, value,
         valid_from, valid_to, channel, level, audience, customer_ids, cost, point_cost, redemption_cost, stock, budget, source)
       VALUES (?, ?, ?, ?, ?::VARCHAR[], ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, ?, ?, ?, ?::VARCHAR[], ?, ?, ?, ?, ?, ?)`,
      [
        p.promotionId,
        p.name,
        attr?.attribute ?? null,
        attr?.value ?? null,
        products ? JSON.stringify(products) : null,
        p.mechanism,
        p.value,
        iso(p.validFrom),
        iso(p.validTo),
        p.channel,
        p.level,
        p.audience,
        p.customerIds ? JSON.stringify(p.customerIds) : null,
        p.cost,
        p.pointCost,
        p.redemptionCost,
        p.stock,
        p.budget,
        p.source,
      ],
    );
  }
}

/** Wall-clock timestamp text (the Date's UTC fields hold the wall clock). */
const iso = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').replace('Z', '') : null);
