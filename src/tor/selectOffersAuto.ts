// Automatic offer selection for a TOR. `top-revenue`: the offers whose scope earned the most in the
// window before the as-of date (ties: more buyers, then offer id).
import { UserError } from '../domain/errors.ts';
import { offerRevenue, windowDaysFromArg } from '../offers/offerRevenue.ts';
import { listOffers } from '../store/offerTable.ts';
import type { Store } from '../store/store.ts';
import { parseDateArg, defaultAsOf } from '../snapshot/interactions.ts';

export const AUTO_RULES = ['top-revenue'] as const;
export type AutoRule = (typeof AUTO_RULES)[number];

export async function selectOffersAuto(
  store: Store,
  opts: { rule: AutoRule; count: number; window: string; type?: string; asOf: string | null },
): Promise<string[]> {
  if (!AUTO_RULES.includes(opts.rule)) throw new UserError(`unknown --auto rule '${opts.rule}' (rules: ${AUTO_RULES.join(', ')})`);
  let windowDays: number | null;
  try { windowDays = windowDaysFromArg(opts.window); } catch (e) { throw new UserError((e as Error).message); }
  const asOf = opts.asOf ? parseDateArg(opts.asOf) : await defaultAsOf(store);
  if (!asOf) throw new UserError('no order lines stored: import order_lines before selecting offers automatically');
  let offers = await listOffers(store);
  if (opts.type) offers = offers.filter((o) => o.scope.kind === 'attribute' && o.scope.attribute === opts.type);
  const rev = await offerRevenue(store, offers, asOf, windowDays);
  return rev
    .filter((r) => r.revenue > 0)
    .sort((a, b) => b.revenue - a.revenue || b.buyers - a.buyers || (a.offerId < b.offerId ? -1 : 1))
    .slice(0, opts.count)
    .map((r) => r.offerId);
}
