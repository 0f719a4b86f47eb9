// TOR objectives: per (customer, offer) value to maximise, from calibrated purchase probability.
// All matrices are customers × offers, row-major (index c·nOffers + o).
//   purchase    v = p
//   revenue     v = p · s            (s = expected spend in the offer's scope if the customer buys)
//   acquisition v = p, only for customers who never bought in the offer's scope
//   margin      v = p · s · m        (m = margin rate of the offer, 0..1)
//   uplift      v = u · s, only u > 0 (u = P(buy | sent) − P(buy | not sent) from an uplift model:
//               expected incremental revenue; a pair the offer does not change, or harms, is not sent)
// Ineligible pairs (acquisition on past buyers, non-finite inputs) get v = −Infinity and mask 0.
import { UserError } from '../domain/errors.ts';
import type { TorObjective } from '../domain/types.ts';

export interface ObjectiveInput {
  nCustomers: number;
  nOffers: number;
  /** Calibrated purchase probability, customers × offers. */
  probability: Float64Array;
  /** Expected spend in the offer's scope given a purchase, customers × offers (revenue, margin). */
  spend?: Float64Array;
  /** 1 if the customer ever bought in the offer's scope before the as-of date, customers × offers (acquisition). */
  boughtInScope?: Uint8Array;
  /** Margin rate per offer, NaN = unknown (margin). */
  marginRate?: Float64Array;
  /** Offer ids, for error messages. */
  offerIds?: readonly string[];
}

export interface ObjectiveValues {
  /** Value per pair, customers × offers; −Infinity where ineligible. */
  value: Float64Array;
  /** 1 where the pair is eligible under the objective. */
  eligible: Uint8Array;
}

export function valuesFromObjective(objective: TorObjective, x: ObjectiveInput): ObjectiveValues {
  const { nCustomers: n, nOffers: m, probability: p } = x;
  const size = n * m;
  if (p.length !== size) throw new Error(`objective: probability has ${p.length} entries, expected ${n}×${m}`);
  const need = <T extends { length: number }>(a: T | undefined, what: string, len: number): T => {
    if (!a) throw new Error(`objective '${objective}' needs ${what}`);
    if (a.length !== len) throw new Error(`objective: ${what} has ${a.length} entries, expected ${len}`);
    return a;
  };
  const s = objective === 'revenue' || objective === 'margin' || objective === 'uplift' ? need(x.spend, 'expected spend', size) : null;
  const positive = objective === 'uplift';
  const bought = objective === 'acquisition' ? need(x.boughtInScope, 'past purchases in scope', size) : null;
  const rate = objective === 'margin' ? need(x.marginRate, 'margin rates', m) : null;
  if (rate) {
    const missing = [...rate.keys()].filter((o) => !Number.isFinite(rate[o]));
    if (missing.length) {
      const names = missing.map((o) => x.offerIds?.[o] ?? `#${o}`);
      throw new UserError(`objective margin needs a cost for every offer; missing for: ${names.join(', ')}`);
    }
  }
  const value = new Float64Array(size);
  const eligible = new Uint8Array(size);
  for (let c = 0; c < n; c++) {
    const row = c * m;
    for (let o = 0; o < m; o++) {
      const i = row + o;
      let v = p[i];
      if (s) v *= s[i];
      if (rate) v *= rate[o];
      const ok = Number.isFinite(v) && !(bought && bought[i] !== 0) && !(positive && !(p[i] > 0));
      value[i] = ok ? v : -Infinity;
      eligible[i] = ok ? 1 : 0;
    }
  }
  return { value, eligible };
}

/**
 * Margin rate per offer from the offers' cost field (cost = share of revenue the offer costs,
 * so margin rate = 1 − cost); NaN where the cost is unknown.
 */
export function marginRatesFromCosts(costs: readonly (number | null)[]): Float64Array {
  return Float64Array.from(costs, (c) => (c === null || !Number.isFinite(c) ? NaN : 1 - c));
}
