// Expected value of giving a promotion to a customer, pure. With p = calibrated probability of
// buying in the promotion's scope and s = the customer's expected spend in scope when buying:
//   purchase  EV = p
//   margin    EV = p · (s · (1 − cost) − discount(s) − redemption cost)
// discount(s), the mechanism's cost of one redemption:
//   percent_off value/100 · s · amount_off, bundle value · bogo one unit at the scope's mean unit
//   price · points (multiplier − 1) · point cost · s · free_shipping value (the shipping forgone).
import type { PromotionMechanism } from './promotion.ts';

export type PromotionObjective = 'purchase' | 'margin';
export const PROMOTION_OBJECTIVES: readonly PromotionObjective[] = ['purchase', 'margin'];

/** Cost of the base points per unit of spend when a points promotion gives none: 1 point per unit worth 1 %. */
export const DEFAULT_POINT_COST = 0.01;

export interface PromotionEconomics {
  mechanism: PromotionMechanism;
  value: number | null;
  /** Product cost share of revenue (NaN = unknown; the margin objective refuses it). */
  cost: number;
  pointCost: number | null;
  redemptionCost: number | null;
  /** Mean price of one unit in scope (bogo). */
  unitPrice: number;
}

/** What one redemption costs the retailer beyond the goods: the discount plus the fixed handling cost. */
export function redemptionCost(e: PromotionEconomics, spend: number): number {
  const v = e.value ?? 0;
  let discount: number;
  switch (e.mechanism) {
    case 'percent_off':
      discount = (v / 100) * spend;
      break;
    case 'amount_off':
    case 'bundle':
    case 'free_shipping':
      discount = v;
      break;
    case 'bogo':
      discount = e.unitPrice;
      break;
    case 'points':
      discount = Math.max(0, v - 1) * (e.pointCost ?? DEFAULT_POINT_COST) * spend;
      break;
  }
  return discount + (e.redemptionCost ?? 0);
}

export function expectedValue(objective: PromotionObjective, p: number, spend: number, e: PromotionEconomics): number {
  if (objective === 'purchase') return p;
  return p * (spend * (1 - e.cost) - redemptionCost(e, spend));
}

/** Short text of the mechanism, for lists and reasons: "20% off", "2× points". */
export function mechanismText(mechanism: PromotionMechanism, value: number | null): string {
  const v = value ?? 0;
  switch (mechanism) {
    case 'percent_off':
      return `${v}% off`;
    case 'amount_off':
      return `${v} off`;
    case 'bundle':
      return `bundle, ${v} off`;
    case 'bogo':
      return 'buy one get one free';
    case 'points':
      return `${v}× points`;
    case 'free_shipping':
      return 'free shipping';
  }
}
