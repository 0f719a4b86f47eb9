// Scoring methods a TOR can use, by name. Each maps history OfferLines to an nCustomers × nOffers
// score matrix (higher = more appealing).
import { UserError } from '../domain/errors.ts';
import { affinityScores } from '../rank/affinityScores.ts';
import { frequencyScores } from '../rank/frequencyScores.ts';
import type { OfferLines } from '../rank/offerLines.ts';
import { popularityScores } from '../rank/offerPopularity.ts';

export type TorScorer = (lines: OfferLines) => Promise<Float64Array> | Float64Array;

export const torScorers: Record<string, TorScorer> = {
  baseline: (x) => affinityScores(x),
  frequency: (x) => frequencyScores(x),
  popularity: (x) => popularityScores(x),
};

export function torScorer(name: string): TorScorer {
  const s = torScorers[name];
  if (!s) throw new UserError(`unknown scoring model '${name}' (models: ${Object.keys(torScorers).join(', ')})`);
  return s;
}
