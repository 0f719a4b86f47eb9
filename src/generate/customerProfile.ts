// A customer's latent parameters: lifecycle, membership, activity window, trip rate and a sparse
// Dirichlet-ish taste over categories (a few favourites with Gamma(α) weights; the rest of the mass
// follows store-wide popularity). Pure: numbers and arrays in, a plain object out.
import type { Rng } from './prng.ts';
import type { Catalog } from './catalogFromSeed.ts';
import type { WorldConfig } from './worldConfig.ts';

export const COUNTRIES = ['United Kingdom', 'Germany', 'France', 'Netherlands', 'Ireland', 'Spain', 'Belgium', 'United States'];
const COUNTRY_W = [0.55, 0.1, 0.09, 0.06, 0.06, 0.05, 0.04, 0.05];
export const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'];
const AGE_W = [0.1, 0.22, 0.22, 0.2, 0.15, 0.11];

export interface CustomerProfile {
  /** Index into LIFECYCLES. */
  lifecycle: number;
  isMember: boolean;
  /** Days since the window start (negative = signed up before it). */
  signupDay: number;
  /** Purchases happen on days activeFrom .. activeTo (churned customers stop early). */
  activeFrom: number;
  activeTo: number;
  /** Dormant customers slow to cfg.dormantFactor from this day (Infinity for the others). */
  dormantFrom: number;
  /** Base trips per day before lifecycle, month and membership factors. */
  tripRate: number;
  /** Favourite categories and their weights (sum 1 over favourites), and a favourite brand per favourite. */
  favCats: Int32Array;
  favWeights: Float64Array;
  favBrands: Int32Array;
  /** A category picked up on emergingDay (views start cfg.emergingLeadDays before); -1 = none. */
  emergingCat: number;
  emergingDay: number;
  /** Personal multiplier on repurchase cycles (some customers stock up, some top up). */
  cycleFactor: number;
  subscribed: boolean;
  /** Probability of opening one campaign email. */
  openRate: number;
  country: number;
  ageBand: number;
}

export function profileFromRng(rng: Rng, catalog: Catalog, cfg: WorldConfig, days: number): CustomerProfile {
  const lifecycle = rng.pickWeighted(cfg.lifecycleShares);
  const isMember = rng.chance(cfg.memberShareByLifecycle[lifecycle]);
  // 'new' customers sign up inside the window; the others up to three years before it.
  const signupDay = lifecycle === 0 ? Math.floor(rng.uniform(0, days * 0.9)) : -1 - rng.int(3 * 365);
  const activeFrom = Math.max(0, signupDay);
  const activeTo = lifecycle === 5 ? Math.floor(rng.uniform(0.15, 0.75) * days) : days;
  const dormantFrom = lifecycle === 3 ? Math.floor(rng.uniform(0.25, 0.75) * days) : Infinity;
  let tripRate = (cfg.tripsPerMonth / 30.44) * (rng.gamma(2) / 2);
  if (lifecycle === 2) tripRate *= cfg.loyalRateFactor;
  if (isMember) tripRate *= cfg.memberRateFactor;

  // Favourites: drawn without replacement by store-wide popularity, weights ~ Gamma(α) normalised.
  const K = catalog.categories.length;
  const nFav = Math.min(K, 2 + rng.poisson(cfg.extraFavourites));
  const favCats = new Int32Array(nFav);
  const favWeights = new Float64Array(nFav);
  const favBrands = new Int32Array(nFav);
  let total = 0;
  for (let i = 0; i < nFav; i++) {
    let c: number;
    do c = rng.pickCumulative(catalog.catCumByMonth[rng.int(12)]);
    while (favCats.subarray(0, i).includes(c));
    favCats[i] = c;
    favWeights[i] = rng.gamma(cfg.tasteConcentration) + 1e-6;
    total += favWeights[i];
    favBrands[i] = catalog.productBrand[rng.pickCumulative(catalog.popCum, catalog.catStart[c], catalog.catStart[c + 1])];
  }
  for (let i = 0; i < nFav; i++) favWeights[i] /= total;

  let emergingCat = -1;
  let emergingDay = Infinity;
  if (K > nFav && rng.chance(cfg.emergingShare)) {
    do emergingCat = rng.pickCumulative(catalog.catCumByMonth[rng.int(12)]);
    while (favCats.includes(emergingCat));
    emergingDay = Math.floor(rng.uniform(activeFrom, activeTo));
  }
  const subscribed = isMember || rng.chance(cfg.nonMemberSubscribed);
  return {
    lifecycle,
    isMember,
    signupDay,
    activeFrom,
    activeTo,
    dormantFrom,
    tripRate,
    favCats,
    favWeights,
    favBrands,
    emergingCat,
    emergingDay,
    cycleFactor: Math.exp(cfg.cycleSigma * rng.normal()),
    subscribed,
    openRate: rng.uniform(0.05, 0.5),
    country: rng.pickWeighted(COUNTRY_W),
    ageBand: rng.pickWeighted(AGE_W),
  };
}

/**
 * Activity multiplier on day `day` (calendar month `month`): 0 outside the active window, the
 * dormant factor once dormant, and the seasonal shape for 'seasonal' customers (peak Nov–Dec).
 */
export function activityOn(p: CustomerProfile, cfg: WorldConfig, day: number, month: number): number {
  if (day < p.activeFrom || day >= p.activeTo) return 0;
  if (day >= p.dormantFrom) return cfg.dormantFactor;
  if (p.lifecycle === 4) return month >= 10 ? cfg.seasonalPeakFactor : cfg.seasonalOffFactor;
  return 1;
}

/** Upper bound of activityOn over all days (for thinning). */
export function maxActivity(p: CustomerProfile, cfg: WorldConfig): number {
  return p.lifecycle === 4 ? Math.max(cfg.seasonalPeakFactor, cfg.seasonalOffFactor) : 1;
}
