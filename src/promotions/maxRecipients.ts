// A promotion's stock and budget as a maximum of recipients for the allocation. Conservative on
// purpose: every recipient may redeem, so stock S allows S recipients and budget B allows
// B / (mean cost of one redemption) recipients — the limits hold even if everyone redeems.
import type { Promotion } from './promotion.ts';

export function maxRecipients(p: Pick<Promotion, 'stock' | 'budget'>, meanCost: number): number {
  let max = Infinity;
  if (p.stock !== null) max = Math.min(max, p.stock);
  if (p.budget !== null && meanCost > 0) max = Math.min(max, Math.floor(p.budget / meanCost));
  return max;
}
