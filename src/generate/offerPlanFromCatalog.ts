// Offers of the synthetic world on categories, brands and departments, with the uplift each one
// really has on the purchase probability of its scope while valid (kept in truth.json), and a
// day × category lookup of the strongest offer in force.
import { Rng } from './prng.ts';
import type { Catalog } from './catalogFromSeed.ts';
import type { WorldConfig } from './worldConfig.ts';

export const STREAM_OFFERS = 2;

export type ScopeKind = 'category' | 'brand' | 'department';
export type Mechanism = 'percent_off' | 'amount_off' | 'bogo' | 'points';

export interface PlannedOffer {
  offerId: string;
  name: string;
  scopeAttribute: ScopeKind;
  scopeValue: string;
  /** For brand offers, the brand index; -1 otherwise. */
  brand: number;
  mechanism: Mechanism;
  /** percent (percent_off), currency (amount_off), points (points), null (bogo). */
  value: number | null;
  /** Valid on days fromDay .. toDay-1 (days since the world's start). */
  fromDay: number;
  toDay: number;
  membersOnly: boolean;
  /** True multiplier on the weight of in-scope categories while valid (brand offers: half the excess). */
  uplift: number;
}

export interface OfferPlan {
  offers: PlannedOffer[];
  /** (member · days + day) · K + category → index of the strongest offer in force, or -1. */
  activeOffer: Int16Array;
}

export function offerPlanFromCatalog(seed: number, catalog: Catalog, cfg: WorldConfig, days: number): OfferPlan {
  const rng = Rng.from(seed, STREAM_OFFERS);
  const K = catalog.categories.length;
  const departments = [...new Set(catalog.categories.map((c) => c.department))];
  const offers: PlannedOffer[] = [];
  const width = Math.max(3, String(cfg.offers).length);
  for (let i = 0; i < cfg.offers; i++) {
    const r = rng.next();
    const scopeAttribute: ScopeKind = r < 0.7 ? 'category' : r < 0.9 ? 'brand' : 'department';
    let scopeValue: string;
    let brand = -1;
    let label: string;
    if (scopeAttribute === 'category') {
      const c = rng.pickCumulative(catalog.catCumByMonth[0]);
      scopeValue = label = catalog.categories[c].name;
    } else if (scopeAttribute === 'brand') {
      // Popular brands get promoted more often: pick a product by popularity, take its brand.
      brand = catalog.productBrand[rng.pickCumulative(catalog.popCum)];
      scopeValue = label = catalog.brandNames[brand];
    } else {
      scopeValue = label = departments[rng.int(departments.length)];
    }
    const m = rng.next();
    const mechanism: Mechanism = m < 0.5 ? 'percent_off' : m < 0.7 ? 'amount_off' : m < 0.85 ? 'bogo' : 'points';
    const value =
      mechanism === 'percent_off'
        ? [10, 15, 20, 25, 30][rng.int(5)]
        : mechanism === 'amount_off'
          ? [2, 5, 10][rng.int(3)]
          : mechanism === 'points'
            ? [100, 200, 500][rng.int(3)]
            : null;
    const name =
      mechanism === 'percent_off'
        ? `${value}% off ${label}`
        : mechanism === 'amount_off'
          ? `${value} off ${label}`
          : mechanism === 'bogo'
            ? `Buy one get one ${label}`
            : `${value} points on ${label}`;
    const span = Math.min(days, Math.round(rng.uniform(cfg.offerMinDays, cfg.offerMaxDays + 1)));
    const fromDay = rng.int(days - span + 1);
    offers.push({
      offerId: 'OF' + String(i + 1).padStart(width, '0'),
      name,
      scopeAttribute,
      scopeValue,
      brand,
      mechanism,
      value,
      fromDay,
      toDay: fromDay + span,
      membersOnly: rng.chance(0.25),
      uplift: rng.uniform(1.2, 2.5),
    });
  }
  const activeOffer = new Int16Array(2 * days * K).fill(-1);
  offers.forEach((o, oi) => {
    const cats =
      o.scopeAttribute === 'category'
        ? [catalog.categories.findIndex((c) => c.name === o.scopeValue)]
        : o.scopeAttribute === 'brand'
          ? [catalog.brandCategory[o.brand]]
          : catalog.categories.flatMap((c, ci) => (c.department === o.scopeValue ? [ci] : []));
    for (let member = o.membersOnly ? 1 : 0; member < 2; member++) {
      for (let d = o.fromDay; d < o.toDay; d++) {
        for (const c of cats) {
          const at = (member * days + d) * K + c;
          const cur = activeOffer[at];
          if (cur < 0 || categoryUplift(offers[cur]) < categoryUplift(o)) activeOffer[at] = oi;
        }
      }
    }
  });
  return { offers, activeOffer };
}

/** Multiplier on a category's weight from an offer in force on it (a brand offer lifts its category half as much). */
export function categoryUplift(o: PlannedOffer): number {
  return o.brand >= 0 ? 1 + (o.uplift - 1) / 2 : o.uplift;
}

/** Whether product p of `catalog` falls in the offer's scope (category/department offers cover every product of the covered categories). */
export function offerCovers(o: PlannedOffer, catalog: Catalog, p: number): boolean {
  return o.brand < 0 || catalog.productBrand[p] === o.brand;
}

/** Unit price paid under an offer: percent and amount discounts lower it (never below half the list price). */
export function unitPriceUnderOffer(o: PlannedOffer, listPrice: number): number {
  if (o.mechanism === 'percent_off') return Math.round(listPrice * (100 - (o.value ?? 0))) / 100;
  if (o.mechanism === 'amount_off') return Math.round(Math.max(listPrice / 2, listPrice - (o.value ?? 0)) * 100) / 100;
  return listPrice;
}
