// A promotion of the pool: like an offer (scope, validity, level) plus a mechanism with its own
// cost model, a channel, and stock / budget limits. The pool has no size limit (unlike a TOR's
// 25 offers); the compute scores it in batches.
import type { Offer, OfferLevel, OfferScope } from '../domain/types.ts';

export const PROMOTION_MECHANISMS = ['percent_off', 'amount_off', 'bogo', 'points', 'bundle', 'free_shipping'] as const;
export type PromotionMechanism = (typeof PROMOTION_MECHANISMS)[number];
export const PROMOTION_LEVELS: readonly OfferLevel[] = ['all', 'members', 'audience', 'individual'];

export interface Promotion {
  promotionId: string;
  name: string;
  scope: OfferScope;
  mechanism: PromotionMechanism;
  /**
   * percent_off: percent (0–100]; amount_off and bundle: money off per redemption; points: points
   * multiplier (> 1, e.g. 2 = double points); free_shipping: shipping cost forgone per order; bogo: unused.
   */
  value: number | null;
  validFrom: Date | null;
  validTo: Date | null;
  /** Where it can be delivered, e.g. email, app, store; 'all' = any channel. */
  channel: string;
  level: OfferLevel;
  audience: string | null;
  customerIds: string[] | null;
  /** Product cost as a share of revenue (0..1): gross margin = spend × (1 − cost); needed by the margin objective. */
  cost: number | null;
  /** points: cost of the base points per unit of spend (e.g. 0.01 = 1 point per unit worth 1 %). */
  pointCost: number | null;
  /** Fixed cost of one redemption (handling, printing); 0 when null. */
  redemptionCost: number | null;
  /** Stock: redemptions at most (every recipient may redeem, so also recipients at most). */
  stock: number | null;
  /** Money the promotion may cost at most (recipients × expected cost of one redemption). */
  budget: number | null;
  /** Where it came from: 'import' or the builder rule, e.g. 'best-sellers'. */
  source: string;
}

/** The offer view of a promotion, so the TOR's history reader, scorers and guardrails apply unchanged. */
export function offerFromPromotion(p: Promotion): Offer {
  return {
    offerId: p.promotionId,
    name: p.name,
    scope: p.scope,
    mechanism: p.mechanism === 'bundle' ? 'other' : p.mechanism,
    value: p.value,
    validFrom: p.validFrom,
    validTo: p.validTo,
    level: p.level,
    cost: p.cost,
    audience: p.audience,
    customerIds: p.customerIds,
  };
}

/** "department=home" or "3 products", for lists. */
export function scopeText(s: OfferScope): string {
  if (s.kind === 'attribute') return `${s.attribute}=${s.value}`;
  return s.productIds.length === 1 ? `product ${s.productIds[0]}` : `${s.productIds.length} products`;
}
