// One short human reason per assignment, from features the caller computed for that (customer,
// offer) pair. Pure and deterministic: the same features always give the same sentence.
//   bought before      → "bought 3× in candles, last 21 days ago"
//   acquisition        → "never bought candles: acquisition"
//   neighbours bought  → "popular with similar customers (34% bought candles)"
//   otherwise          → "popular in candles right now" / "high predicted interest in candles"
import type { TorObjective } from '../domain/types.ts';

export interface ReasonFeatures {
  /** Display name of the offer's scope, e.g. "candles". */
  scope: string;
  /** Orders of this customer with a line in scope before the as-of date. */
  ordersInScope: number;
  /** Days since the customer's last purchase in scope (NaN if never). */
  daysSinceInScope: number;
  /** Share (0..1) of the customer's nearest neighbours who bought in scope; NaN if not computed. */
  neighbourShare: number;
  /** Rank (1 = most bought) of the scope among all scopes in the recent window; NaN if unknown. */
  popularityRank: number;
  /** Expected spend in scope if the customer buys (revenue/margin objectives), NaN if unknown. */
  expectedSpend: number;
}

export interface ReasonConfig {
  /** Minimum neighbour share for the "similar customers" reason. */
  minNeighbourShare: number;
  /** Scopes ranked at most this are called popular. */
  popularTop: number;
  /** Currency symbol placed before spend amounts. */
  currency: string;
}

export const DEFAULT_REASON_CONFIG: ReasonConfig = {
  minNeighbourShare: 0.2, // a fifth of look-alikes buying is a signal worth naming
  popularTop: 5, // "popular" means a top-5 scope in the window
  currency: '', // no symbol: stores hold amounts in whatever currency their data uses
};

export function reasonFromFeatures(f: ReasonFeatures, objective: TorObjective, cfg: ReasonConfig = DEFAULT_REASON_CONFIG): string {
  let why: string;
  if (f.ordersInScope > 0) {
    const last = Number.isFinite(f.daysSinceInScope) ? lastText(f.daysSinceInScope) : '';
    why = `bought ${f.ordersInScope}× in ${f.scope}${last}`;
  } else if (objective === 'acquisition') {
    why = `never bought ${f.scope}: acquisition`;
  } else if (f.neighbourShare >= cfg.minNeighbourShare) {
    why = `popular with similar customers (${Math.round(f.neighbourShare * 100)}% bought ${f.scope})`;
  } else if (f.popularityRank <= cfg.popularTop) {
    why = `popular in ${f.scope} right now`;
  } else {
    why = `high predicted interest in ${f.scope}`;
  }
  if ((objective === 'revenue' || objective === 'margin') && Number.isFinite(f.expectedSpend) && f.expectedSpend > 0) {
    why += `; expected spend ${cfg.currency}${Math.round(f.expectedSpend)}`;
  }
  return why;
}

/** ", last 21 days ago", or ", most recently today / yesterday". */
function lastText(d: number): string {
  const days = Math.max(0, Math.round(d));
  return days === 0 ? ', most recently today' : days === 1 ? ', most recently yesterday' : `, last ${days} days ago`;
}

/**
 * Reasons for a whole allocation: offers is customers × K (−1 = empty); features are read per
 * (customer, offer) by `featuresOf`. Returns customers × K strings ('' where empty).
 */
export function reasonsFromAllocation(
  offers: Int32Array,
  perCustomer: number,
  objective: TorObjective,
  featuresOf: (customer: number, offer: number) => ReasonFeatures,
  cfg: ReasonConfig = DEFAULT_REASON_CONFIG,
): string[] {
  const out = new Array<string>(offers.length);
  for (let i = 0; i < offers.length; i++) {
    const o = offers[i];
    out[i] = o < 0 ? '' : reasonFromFeatures(featuresOf(Math.floor(i / perCustomer), o), objective, cfg);
  }
  return out;
}
