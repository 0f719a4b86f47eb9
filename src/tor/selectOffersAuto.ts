// Automatic offer selection for a TOR, resolved to concrete offer ids at creation.
// top-revenue: the offers whose scope earned the most over the window before the as-of date
//   (any window: 30d, 12w, all …; ties: more buyers, then offer id).
// top-niche / low-velocity / top-aov: ranked by the offer insights of one hierarchy level
//   (30-day windows, efficiency index from a propensity backtest — see docs/offer-insights.md).
import { UserError } from '../domain/errors.ts';
import { AUTO_RULES, offerIdsFromInsights, type AutoRule } from '../offers/autoSelect.ts';
import { offerInsightsFromStore } from '../offers/insightsFromStore.ts';
import { INSIGHT_WINDOW_DAYS } from '../offers/insights.ts';
import { offerRevenue, windowDaysFromArg } from '../offers/offerRevenue.ts';
import { listOffers } from '../store/offerTable.ts';
import type { Store } from '../store/store.ts';
import { parseDateArg, defaultAsOf } from '../snapshot/interactions.ts';

export { AUTO_RULES, type AutoRule };

export async function selectOffersAuto(
  store: Store,
  opts: { rule: AutoRule; count: number; window: string; type?: string; asOf: string | null; sendDate?: string | null },
): Promise<string[]> {
  if (!AUTO_RULES.includes(opts.rule)) throw new UserError(`unknown --auto rule '${opts.rule}' (rules: ${AUTO_RULES.join(', ')})`);
  let windowDays: number | null;
  try {
    windowDays = windowDaysFromArg(opts.window);
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  const asOf = opts.asOf ? parseDateArg(opts.asOf) : await defaultAsOf(store);
  if (!asOf) throw new UserError('no order lines stored: import order_lines before selecting offers automatically');
  let offers = await listOffers(store);
  if (opts.type) offers = offers.filter((o) => o.scope.kind === 'attribute' && o.scope.attribute === opts.type);
  // Only offers valid on the send date (default: the as-of date) can be sent: expired or future ones are skipped.
  const send = (opts.sendDate ? parseDateArg(opts.sendDate) : asOf).getTime();
  offers = offers.filter(
    (o) => (!o.validFrom || new Date(o.validFrom).getTime() <= send) && (!o.validTo || new Date(o.validTo).getTime() >= send),
  );
  if (offers.length === 0)
    throw new UserError(
      `no offers${opts.type ? ` of type '${opts.type}'` : ''} valid on ${new Date(send).toISOString().slice(0, 10)}: create them first (nextbest offers from-attribute ${opts.type ?? '<attribute>'})`,
    );
  if (opts.rule === 'top-revenue') {
    const rev = await offerRevenue(store, offers, asOf, windowDays);
    return rev
      .filter((r) => r.revenue > 0)
      .sort((a, b) => b.revenue - a.revenue || b.buyers - a.buyers || (a.offerId < b.offerId ? -1 : 1))
      .slice(0, opts.count)
      .map((r) => r.offerId);
  }
  if (windowDays !== INSIGHT_WINDOW_DAYS) {
    throw new UserError(
      `--auto ${opts.rule} compares ${INSIGHT_WINDOW_DAYS}-day windows; drop --window or use --window ${INSIGHT_WINDOW_DAYS}d`,
    );
  }
  const level = opts.type ?? mostCommonAttribute(offers);
  const report = await offerInsightsFromStore(store, { level, asOf });
  const existing = new Set(offers.map((o) => o.offerId));
  // Insights cover every node of the level; keep those that exist as offers.
  return offerIdsFromInsights(
    report.insights.filter((i) => existing.has(i.offerId)),
    opts.rule,
    opts.count,
  );
}

function mostCommonAttribute(offers: { scope: { kind: string; attribute?: string } }[]): string | undefined {
  const n = new Map<string, number>();
  for (const o of offers) if (o.scope.kind === 'attribute') n.set(o.scope.attribute!, (n.get(o.scope.attribute!) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}
