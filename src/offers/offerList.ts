// The offer list of `offers list` and GET /v1/offers: offers matching a search/type, each with its
// scope (as text), level, and revenue, orders and buyers over a window before the as-of date.
import { defaultAsOf } from '../snapshot/interactions.ts';
import { listOffers } from '../store/offerTable.ts';
import type { Store } from '../store/store.ts';
import { offerRevenue, type OfferRevenue } from './offerRevenue.ts';
import { offersMatching } from './offersMatching.ts';

export interface OfferListRow extends OfferRevenue {
  name: string;
  scope: string;
  level: string;
}

/** `asOf` null = the default as of the data (null too when no order lines are stored: zero revenue). */
export async function offerList(
  store: Store,
  opts: { search?: string; type?: string; windowDays: number | null; asOf: Date | null },
): Promise<{ asOf: Date | null; list: OfferListRow[] }> {
  const offers = offersMatching(await listOffers(store), opts.search, opts.type);
  const asOf = opts.asOf ?? (await defaultAsOf(store));
  const rev = asOf
    ? await offerRevenue(store, offers, asOf, opts.windowDays)
    : offers.map((o) => ({ offerId: o.offerId, revenue: 0, orders: 0, buyers: 0 }));
  return {
    asOf,
    list: offers.map((o, i) => ({
      ...rev[i],
      name: o.name,
      level: o.level,
      scope: o.scope.kind === 'attribute' ? `${o.scope.attribute}=${o.scope.value}` : `${o.scope.productIds.length} products`,
    })),
  };
}
