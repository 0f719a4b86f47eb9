// The head of truth.json: world parameters (categories with their seasonality, cycles and
// popularity; offers with their real uplift; the behavioural config). The per-customer latent
// parameters follow as the "customers" array, streamed from the part files.
import type { World } from './worldFromOptions.ts';
import { DAY } from '../math/day.ts';

export function truthHeader(world: World): string {
  const { catalog, plan, options, cfg } = world;
  const K = catalog.categories.length;
  const popTotal = catalog.catPopularity.reduce((a, b) => a + b, 0);
  const head = {
    seed: options.seed,
    start: world.dayStr[0],
    end_exclusive: new Date(world.startMs + world.days * DAY).toISOString().slice(0, 10),
    months: options.months,
    customers_count: options.customers,
    products_count: options.products,
    config: cfg,
    categories: catalog.categories.map((c, i) => ({
      category: c.name,
      department: c.department,
      popularity: Math.round((catalog.catPopularity[i] / popTotal) * 1e4) / 1e4,
      cycle_days: c.cycleDays || null,
      peak_month: c.peakMonth >= 0 ? c.peakMonth + 1 : null,
      season_by_month: Array.from({ length: 12 }, (_, m) => Math.round(catalog.season[m * K + i] * 1e3) / 1e3),
      median_price: c.price,
      products: catalog.catStart[i + 1] - catalog.catStart[i],
    })),
    offers: plan.offers.map((o) => ({
      offer_id: o.offerId,
      scope_attribute: o.scopeAttribute,
      scope_value: o.scopeValue,
      members_only: o.membersOnly,
      valid_from: world.dayStr[o.fromDay],
      valid_to: world.dayStr[o.toDay - 1],
      uplift: Math.round(o.uplift * 1e3) / 1e3,
    })),
  };
  const json = JSON.stringify(head);
  return json.slice(0, -1) + ',"customers":[\n';
}
