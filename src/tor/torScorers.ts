// Scoring methods a TOR can use, by name. Each maps the TOR's history (offer-mapped lines, the
// hierarchy level above the offers, optional events/contacts) to an nCustomers × nOffers score
// matrix (higher = more appealing) and, when it can, the prediction quality it measured.
import { UserError } from '../domain/errors.ts';
import { offerQualityFromScores, type OfferQuality } from '../models/propensity/offerQuality.ts';
import { defaultPropensityConfig, propensityFromLines, propensityScores } from '../models/propensity/propensityModel.ts';
import { affinityScores } from '../rank/affinityScores.ts';
import { frequencyScores } from '../rank/frequencyScores.ts';
import type { OfferLines } from '../rank/offerLines.ts';
import { popularityScores } from '../rank/offerPopularity.ts';
import { propensityLinesFromOfferLines } from '../snapshot/offerFeaturesLines.ts';
import { offerLabelsFromLines } from '../snapshot/offerFeatures.ts';
import type { OfferExtras } from '../snapshot/offerFeaturesStats.ts';

export interface TorScoringInput {
  lines: OfferLines & { lineProd: Int32Array };
  /** Node of the hierarchy level above the offers for each product (-1 unknown); nAncestors = 0 when none. */
  ancestorOfProduct: Int32Array;
  nAncestors: number;
  extras: OfferExtras;
  /** Customers whose quality is measured (the TOR's audience). */
  audience: Int32Array;
  log: (line: string) => void;
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
  propensity: (i) => {
    const lines = propensityLinesFromOfferLines(i.lines, i.ancestorOfProduct, i.nAncestors);
    const asOf = i.lines.asOf;
    const model = propensityFromLines(lines, asOf, defaultPropensityConfig, i.extras, i.log);
    // Prediction quality: the same recipe trained one horizon earlier, scored on the last horizon
    // of history (labels strictly before the as-of date): per-offer AUC and lift at 10 %.
    const H = model.config.horizonDays * 86_400_000;
    let quality: TorScoring['quality'] = null;
    try {
      const back = propensityFromLines(lines, asOf - H, { ...model.config, kind: model.kind }, i.extras);
      const backScores = propensityScores(back, lines, asOf - H, i.extras);
      const labels = offerLabelsFromLines(lines, asOf - H, asOf);
      quality = { method: `${model.kind}, trained as of ${new Date(asOf - H).toISOString().slice(0, 10)}, labels up to the as-of date`, ...offerQualityFromScores(backScores, labels, i.lines.nOffers, i.audience) };
    } catch (e) {
      i.log(`prediction quality not measured: ${(e as Error).message}`);
    }
    return { scores: propensityScores(model, lines, asOf, i.extras), probabilities: true, quality };
  },
};

export function torScorer(name: string): TorScorer {
  const s = torScorers[name];
  if (!s) throw new UserError(`unknown scoring model '${name}' (models: ${Object.keys(torScorers).join(', ')})`);
  return s;
}
