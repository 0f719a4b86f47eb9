// Scoring methods a TOR can use, by name. Each maps the TOR's history (offer-mapped lines, the
// hierarchy level above the offers, optional events/contacts) to an nCustomers × nOffers score
// matrix (higher = more appealing) and, when it can, the prediction quality it measured.
import { UserError } from '../domain/errors.ts';
import {
  defaultPropensityConfig,
  propensityFromLines,
  propensityScores,
  type PropensityModel,
} from '../models/propensity/propensityModel.ts';
import { affinityScores } from '../rank/affinityScores.ts';
import { calibratedInPlace, offerBacktest, type OfferBacktest } from '../rank/offerBacktest.ts';
import { frequencyScores } from '../rank/frequencyScores.ts';
import type { OfferLines } from '../rank/offerLines.ts';
import { popularityScores } from '../rank/offerPopularity.ts';
import { propensityLinesFromOfferLines } from '../snapshot/offerFeaturesLines.ts';
import { offerLabelsFromLines } from '../snapshot/offerFeatures.ts';
import type { OfferExtras, PropensityLines } from '../snapshot/offerFeaturesStats.ts';
import { DAY } from '../math/day.ts';
import { trainSampleFromCustomers } from '../models/propensity/trainSample.ts';

export interface TorScoringInput {
  lines: OfferLines & { lineProd: Int32Array };
  /** Node of the hierarchy level above the offers for each product (-1 unknown); nAncestors = 0 when none. */
  ancestorOfProduct: Int32Array;
  nAncestors: number;
  extras: OfferExtras;
  /** Customers whose quality is measured (the TOR's audience). */
  audience: Int32Array;
  /** Offers per customer: the K of the NDCG@K the backtest reports (and auto maximises). */
  perCustomer: number;
  log: (line: string) => void;
  /** Where a trained model may be kept and found again (keyed by offers, as-of date, config and data). */
  cache?: { get(): Promise<unknown>; put(value: unknown): Promise<void> };
}

/** The backtest every scorer reports: NDCG@K and per-offer AUC / lift on the horizon before the as-of date. */
export type TorQuality = Omit<OfferBacktest, 'platt'> & {
  method: string;
  /** For auto: every candidate's figures on the same backtest. */
  candidates?: { model: string; ndcg: number; meanAuc: number }[];
};

export interface TorScoring {
  /** The scorer that produced the scores (auto: the one it chose). */
  model: string;
  scores: Float64Array;
  /** True when scores are calibrated probabilities of buying in scope within the horizon (every scorer, when history allows). */
  probabilities: boolean;
  quality: TorQuality | null;
}

export type TorScorer = (input: TorScoringInput) => Promise<TorScoring> | TorScoring;

/** The backtest horizon: the propensity model's label horizon, so every scorer is judged on the same window. */
const HORIZON_DAYS = defaultPropensityConfig.horizonDays;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A rule-based scorer, backtested and calibrated: its scores as of asOf − H against the scopes bought
 * in [asOf − H, asOf) give the NDCG@K / AUC shown as its prediction quality and the Platt map that
 * turns its scores at asOf into probabilities (the revenue objective multiplies them by spend).
 */
const plain =
  (name: string, f: (x: OfferLines) => Float64Array): TorScorer =>
  (i) => {
    const { quality, platt: p } = plainBacktest(name, f, i);
    const scores = f(i.lines);
    if (!p) return { model: name, scores, probabilities: false, quality };
    return { model: name, scores: calibratedInPlace(scores, p), probabilities: true, quality };
  };

/** A rule-based scorer's backtest and Platt map, apart from its scores (a distributed compute scores in shards). */
export function plainBacktest(name: string, f: (x: OfferLines) => Float64Array, i: TorScoringInput) {
  const asOf = i.lines.asOf,
    cut = asOf - HORIZON_DAYS * DAY;
  const labels = offerLabelsFromLines(i.lines, cut, asOf);
  const back = offerBacktest(f({ ...i.lines, asOf: cut }), labels, i.lines.nOffers, i.audience, i.perCustomer);
  const { platt, ...q } = back;
  const method = `${name}, scored as of ${day(cut)}, checked on the ${HORIZON_DAYS} days before the as-of date`;
  const quality: TorQuality | null = back.rankedCustomers ? { method, ...q } : null;
  if (!platt) i.log(`${name}: too few buyers in the ${HORIZON_DAYS} days before the as-of date to calibrate: scores used as they are`);
  return { quality, platt };
}

export const torScorers: Record<string, TorScorer> = {
  // Transparent: recency-weighted personal affinity to the scope, co-purchase and season, backed off to popularity.
  baseline: plain('baseline', affinityScores),
  frequency: plain('frequency', frequencyScores),
  popularity: plain('popularity', popularityScores),
  // Learned: calibrated P(buy in scope within the horizon), trained on cuts strictly before the as-of date.
  propensity: async (i) => {
    const { lines, trained } = await trainedPropensity(i);
    const scores = propensityScores(trained.model, lines, i.lines.asOf, i.extras);
    return { model: 'propensity', scores, probabilities: true, quality: trained.quality };
  },
  // The default: every scorer above on the same backtest, the best NDCG@K kept (ties: the cheaper one).
  auto: async (i) => {
    const results: TorScoring[] = [];
    for (const name of AUTO_CANDIDATES) {
      try {
        results.push(await torScorers[name](i));
      } catch (e) {
        i.log(`auto: ${name} skipped: ${(e as Error).message}`);
      }
    }
    return autoChoice(results, i.perCustomer, i.log);
  },
};

/** The scorers auto tries, in order (on equal NDCG the earlier, cheaper one is kept). */
export const AUTO_CANDIDATES = ['baseline', 'frequency', 'popularity', 'propensity'];

/** auto's pick among scored (or, in a distributed compute, only backtested) candidates, its quality naming them all. */
export function autoChoice<T extends { model: string; quality: TorQuality | null }>(
  results: T[],
  k: number,
  log: (line: string) => void,
): T {
  const ndcg = (r: T) => (r.quality && Number.isFinite(r.quality.ndcg) ? r.quality.ndcg : -1);
  const best = results.reduce((a, b) => (ndcg(b) > ndcg(a) + 1e-9 ? b : a));
  const candidates = results.map((r) => ({ model: r.model, ndcg: ndcg(r), meanAuc: r.quality?.meanAuc ?? NaN }));
  log(`auto: ${candidates.map((c) => `${c.model} NDCG@${k} ${c.ndcg.toFixed(4)}`).join(', ')} → ${best.model}`);
  return { ...best, quality: best.quality && { ...best.quality, method: `auto → ${best.quality.method}`, candidates } };
}

/** The propensity model for the TOR's data: from the cache when trained on the same data, else trained (and cached). */
export async function trainedPropensity(i: TorScoringInput) {
  const lines = propensityLinesFromOfferLines(i.lines, i.ancestorOfProduct, i.nAncestors);
  const asOf = i.lines.asOf;
  const config = JSON.stringify(defaultPropensityConfig);
  let trained = (await i.cache?.get()) as { config: string; model: PropensityModel; quality: TorScoring['quality'] } | undefined;
  // trained with other settings (or quality measured for another K): retrain
  if (trained?.config !== config || (trained.quality && trained.quality.k !== i.perCustomer)) trained = undefined;
  if (trained) i.log('propensity: reusing the model trained on the same data');
  else {
    const t0 = performance.now();
    const model = propensityFromLines(lines, asOf, defaultPropensityConfig, i.extras, i.log);
    i.log(`propensity: model fitted in ${((performance.now() - t0) / 1000).toFixed(1)} s; measuring its prediction quality`);
    trained = { config, model, quality: backtestQuality(lines, asOf, model, i) };
    i.log(`propensity: trained in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await i.cache?.put(trained);
  }
  return { lines, trained };
}

/** Customers the prediction-quality backtest scores at most. */
const QUALITY_SAMPLE = 50_000;

/**
 * Prediction quality: the same recipe trained one horizon earlier, scored on the last horizon of
 * history (labels strictly before the as-of date): NDCG@K, per-offer AUC and lift at 10 % over the audience.
 */
function backtestQuality(lines: PropensityLines, asOf: number, model: PropensityModel, i: TorScoringInput): TorScoring['quality'] {
  const H = model.config.horizonDays * DAY;
  try {
    const back = propensityFromLines(lines, asOf - H, model.config, i.extras);
    const labels = offerLabelsFromLines(lines, asOf - H, asOf);
    // Scoring the whole audience again cost as much as the compute itself at 1M customers; 50,000 customers
    // measure AUC and NDCG to about ±0.005, so larger audiences are checked on the training sampler's fixed subset.
    const checked = trainSampleFromCustomers(i.audience, QUALITY_SAMPLE);
    const backScores = propensityScores(back, lines, asOf - H, i.extras, undefined, checked);
    const { platt: _unused, ...q } = offerBacktest(backScores, labels, i.lines.nOffers, checked, i.perCustomer);
    const on =
      checked.length < i.audience.length
        ? ` (${checked.length.toLocaleString('en-US')} of ${i.audience.length.toLocaleString('en-US')} customers)`
        : '';
    const method = `${back.kind}, trained as of ${day(asOf - H)}, checked on the ${model.config.horizonDays} days before the as-of date${on}`;
    return { method, ...q };
  } catch (e) {
    i.log(`prediction quality not measured: ${(e as Error).message}`);
    return null;
  }
}

export function torScorer(name: string): TorScorer {
  const s = torScorers[name];
  if (!s) throw new UserError(`unknown scoring model '${name}' (models: ${Object.keys(torScorers).join(', ')})`);
  return s;
}
