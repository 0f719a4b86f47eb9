// How well offer scores computed at a cut predict the scopes bought in [cut, asOf): NDCG@K of each
// customer's offer ranking against the offers they bought, and per-offer AUC / lift (offerQuality).
// Also the Platt map σ(a·s + b) from these scores to "bought within the horizon", which turns any
// scorer's scale into a calibrated probability (what the revenue and margin objectives multiply).
// Pure: scores and labels are customers × offers, row-major.
import { metricsAtK } from '../evaluate/rankingMetrics.ts';
import { offerQualityFromScores, type OfferQuality } from '../models/propensity/offerQuality.ts';
import { plattFromScores, type Platt } from '../models/propensity/platt.ts';

export interface OfferBacktest extends OfferQuality {
  /** Mean NDCG@k over audience customers who bought in at least one offer's scope in the window. */
  ndcg: number;
  k: number;
  /** Customers the NDCG averages over. */
  rankedCustomers: number;
  /** null when the window cannot calibrate (see below). */
  platt: Platt | null;
}

/** Customers who bought in the window below which no calibration is fitted. */
const MIN_CALIBRATION_BUYERS = 20;

/** Platt fits on at most this many (customer, offer) pairs, evenly spaced: enough for 2 parameters. */
const PLATT_SAMPLE = 200_000;

export function offerBacktest(scores: Float64Array, labels: Uint8Array, nOffers: number, audience: Int32Array, k: number): OfferBacktest {
  const quality = offerQualityFromScores(scores, labels, nOffers, audience);
  let sum = 0,
    n = 0;
  const order = Array.from({ length: nOffers }, (_, o) => o);
  for (const c of audience) {
    const truth = new Set<number>();
    for (let o = 0; o < nOffers; o++) if (labels[c * nOffers + o]) truth.add(o);
    if (truth.size === 0) continue;
    order.sort((a, b) => scores[c * nOffers + b] - scores[c * nOffers + a] || a - b);
    sum += metricsAtK(order, truth, k).ndcg;
    n++;
  }
  const pairs = audience.length * nOffers,
    step = Math.max(1, Math.floor(pairs / PLATT_SAMPLE));
  const s: number[] = [],
    y: number[] = [];
  for (let p = 0; p < pairs; p += step) {
    const c = audience[Math.floor(p / nOffers)],
      o = p % nOffers;
    s.push(squashed(scores[c * nOffers + o]));
    y.push(labels[c * nOffers + o]);
  }
  // A calibration must never reverse or flatten the scorer's order: with too few buyers in the
  // window, or no positive slope, there is none (the caller keeps the raw scores).
  const platt = n >= MIN_CALIBRATION_BUYERS ? plattFromScores(s, y) : null;
  const usable = platt && platt.a > 0 && Number.isFinite(platt.b) ? platt : null;
  return { ...quality, ndcg: n ? sum / n : NaN, k, rankedCustomers: n, platt: usable };
}

/**
 * Scores are fitted and mapped as sign(s)·log(1 + |s|): counts and spends have long tails, and a
 * sigmoid on the raw scale saturates at 1 for every heavy buyer (ties that would lose their order).
 */
function squashed(s: number): number {
  return Math.sign(s) * Math.log1p(Math.abs(s));
}

/** p = σ(a·z + b), z = squashed score, for every score, in place. */
export function calibratedInPlace(scores: Float64Array, platt: Platt): Float64Array {
  for (let i = 0; i < scores.length; i++) scores[i] = 1 / (1 + Math.exp(-(platt.a * squashed(scores[i]) + platt.b)));
  return scores;
}
