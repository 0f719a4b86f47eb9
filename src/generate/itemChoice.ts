// Which category and which product a customer picks for one basket item. Pure and allocation-free
// in the hot loop: scratch buffers live in a ShopperMemory reused across customers.
import type { Rng } from './prng.ts';
import type { CustomerProfile } from './customerProfile.ts';
import { categoryUplift } from './offerPlanFromCatalog.ts';
import type { World } from './worldFromOptions.ts';

/** Relative weight of the emerging category once picked up (favourite weights sum to 1). */
const EMERGING_WEIGHT = 0.35;
/** Probability of taking the promoted brand when a brand offer is in force on the category. */
const PROMOTED_BRAND = 0.5;
/** Probability that a durable already owned is redrawn once (customers seldom rebuy the same durable). */
const DURABLE_NOVELTY = 0.8;
const CAP = 1024;

/** What the customer bought so far (product, category; repeated per purchase, so draws are frequency-weighted). */
export class ShopperMemory {
  readonly prods = new Int32Array(CAP);
  readonly cats = new Int32Array(CAP);
  n = 0;
  /** Scratch: category weights of one draw (favourites + emerging). */
  readonly weights = new Float64Array(64);

  reset(): void {
    this.n = 0;
  }

  add(cat: number, prod: number): void {
    if (this.n < CAP) {
      this.cats[this.n] = cat;
      this.prods[this.n++] = prod;
    }
  }

  has(prod: number): boolean {
    for (let i = 0; i < this.n; i++) if (this.prods[i] === prod) return true;
    return false;
  }

  /** A previously bought product of category c, drawn ∝ purchase count; -1 if none. */
  pickPrior(rng: Rng, c: number): number {
    let k = 0;
    for (let i = 0; i < this.n; i++) if (this.cats[i] === c) k++;
    if (k === 0) return -1;
    let j = rng.int(k);
    for (let i = 0; i < this.n; i++) if (this.cats[i] === c && j-- === 0) return this.prods[i];
    return -1;
  }
}

/** Index into plan.activeOffer for (member, day, category). */
export function offerSlot(world: World, p: CustomerProfile, day: number, c: number): number {
  return ((p.isMember ? 1 : 0) * world.days + day) * world.catalog.categories.length + c;
}

/**
 * Category of one item on `day`: with cfg.backgroundShare from store-wide popularity × season,
 * else from the favourites (+ the emerging category once picked up), each weighted by
 * taste × season(month) × uplift of the offer in force.
 */
export function categoryForItem(world: World, p: CustomerProfile, mem: ShopperMemory, rng: Rng, day: number): number {
  const { catalog, cfg, plan } = world;
  const month = world.dayMonth[day];
  if (rng.next() < cfg.backgroundShare) return rng.pickCumulative(catalog.catCumByMonth[month]);
  const K = catalog.categories.length;
  const w = mem.weights;
  const n = p.favCats.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? p.favCats[i] : p.emergingCat;
    if (i === n && (c < 0 || day < p.emergingDay)) {
      w[i] = 0;
      continue;
    }
    const o = plan.activeOffer[offerSlot(world, p, day, c)];
    w[i] = (i < n ? p.favWeights[i] : EMERGING_WEIGHT) * catalog.season[month * K + c] * (o >= 0 ? categoryUplift(plan.offers[o]) : 1);
  }
  const i = rng.pickWeighted(w, n + 1);
  return i < n ? p.favCats[i] : p.emergingCat;
}

/**
 * Product of category c: a repeat of an earlier purchase (likely for consumables), else the
 * promoted brand when a brand offer is in force, else the favourite brand (brand loyalty), else
 * by store-wide Zipf popularity within the category.
 */
export function productInCategory(world: World, p: CustomerProfile, mem: ShopperMemory, rng: Rng, c: number, day: number): number {
  const { catalog, cfg, plan } = world;
  const repeat = catalog.categories[c].cycleDays > 0 ? cfg.repeatConsumable : cfg.repeatDurable;
  if (rng.next() < repeat) {
    const prior = mem.pickPrior(rng, c);
    if (prior >= 0) return prior;
  }
  const o = plan.activeOffer[offerSlot(world, p, day, c)];
  const fi = p.favCats.indexOf(c);
  let lo = catalog.catStart[c];
  let hi = catalog.catStart[c + 1];
  if (o >= 0 && plan.offers[o].brand >= 0 && rng.next() < PROMOTED_BRAND) {
    lo = catalog.brandStart[plan.offers[o].brand];
    hi = catalog.brandStart[plan.offers[o].brand + 1];
  } else if (fi >= 0 && rng.next() < cfg.brandLoyalty) {
    lo = catalog.brandStart[p.favBrands[fi]];
    hi = catalog.brandStart[p.favBrands[fi] + 1];
  }
  const pick = rng.pickCumulative(catalog.popCum, lo, hi);
  // Durables: someone who owns the item mostly looks for a different one (one redraw in the category).
  if (repeat === cfg.repeatDurable && mem.has(pick) && rng.next() < DURABLE_NOVELTY) {
    return rng.pickCumulative(catalog.popCum, catalog.catStart[c], catalog.catStart[c + 1]);
  }
  return pick;
}
