// Scoring methods a TOR can use, by name. Each maps the TOR's history (offer-mapped lines, the
// hierarchy level above the offers, optional events/contacts) to an nCustomers × nOffers score
// matrix (higher = more appealing) and, when it can, the prediction quality it measured.
import { UserError } from '../domain/errors.ts';
import { offerQualityFromScores, type OfferQuality } from '../models/propensity/offerQuality.ts';
import { defaultPropensityConfig, propensityFromLines, propensityScores, type PropensityModel } from '../models/propensity/propensityModel.ts';
import { affinityScores } from '../rank/affinityScores.ts';
import { frequencyScores } from '../rank/frequencyScores.ts';
import type { OfferLines } from '../rank/offerLines.ts';
import { popularityScores } from '../rank/offerPopularity.ts';
import { propensityLinesFromOfferLines } from '../snapshot/offerFeaturesLines.ts';
import { offerLabelsFromLines } from '../snapshot/offerFeatures.ts';
import type { OfferExtras, PropensityLines } from '../snapshot/offerFeaturesStats.ts';

export interface TorScoringInput {
  lines: OfferLines & { lineProd: Int32Array };
  /** Node of the hierarchy level above the offers for each product (-1 unknown); nAncestors = 0 when none. */
  ancestorOfProduct: Int32Array;
  nAncestors: number;
  extras: OfferExtras;
  /** Customers whose quality is measured (the TOR's audience). */
  audience: Int32Array;
  log: (line: string) => void;
  /** Where a trained model may be kept and found again (keyed by offers, as-of date, config and data). */
  cache?: { get(): Promise<unknown>; put(value: unknown): Promise<void> };
}

export interface TorScoring {
  scores: Float64Array;
  /** True when scores are calibrated probabilities of buying in scope within the horizon. */
  probabilities: boolean;
  quality: (OfferQuality & { method: string }) | null;
}

export type TorScorer = (input: TorScoringInput) => Promise<TorScoring> | TorScoring;

const plain = (f: (x: OfferLines) => Float64Array): TorScorer => (i) => ({ scores: f(i.lines), probabilities: false, quality: null });

export const torScorers: Record<string, TorScorer> = {
  // Transparent: recency-weighted personal affinity to the scope, co-purchase and season, backed off to popularity.
  baseline: plain((x) => affinityScores(x)),
  frequency: plain((x) => frequencyScores(x)),
  popularity: plain((x) => popularityScores(x)),
  // Learned: calibrated P(buy in scope within the horizon), trained on cuts strictly before the as-of date.
  propensity: async (i) => {
    const lines = propensityLinesFromOfferLines(i.lines, i.ancestorOfProduct, i.nAncestors);
    const asOf = i.lines.asOf;
    const config = JSON.stringify(defaultPropensityConfig);
    let trained = (await i.cache?.get()) as { config: string; model: PropensityModel; quality: TorScoring['quality'] } | undefined;
    if (trained?.config !== config) trained = undefined; // trained with other settings: retrain
    if (trained) i.log('propensity: reusing the model trained on the same data');
    else {
      const t0 = performance.now();
      const model = propensityFromLines(lines, asOf, defaultPropensityConfig, i.extras, i.log);
      trained = { config, model, quality: backtestQuality(lines, asOf, model, i) };
      i.log(`propensity: trained in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      await i.cache?.put(trained);
    }
    return { scores: propensityScores(trained.model, lines, asOf, i.extras), probabilities: true, quality: trained.quality };
  },
};

/**
 * Prediction quality: the same recipe trained one horizon earlier, scored on the last horizon of
 * history (labels strictly before the as-of date): per-offer AUC and lift at 10 % over the audience.
 */
function backtestQuality(lines: PropensityLines, asOf: number, model: PropensityModel, i: TorScoringInput): TorScoring['quality'] {
  const H = model.config.horizonDays * 86_400_000;
  try {
    const back = propensityFromLines(lines, asOf - H, model.config, i.extras);
    const labels = offerLabelsFromLines(lines, asOf - H, asOf);
    const q = offerQualityFromScores(propensityScores(back, lines, asOf - H, i.extras), labels, i.lines.nOffers, i.audience);
    return { method: `${back.kind}, trained as of ${new Date(asOf - H).toISOString().slice(0, 10)}, scored on the ${model.config.horizonDays} days before the as-of date`, ...q };
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
