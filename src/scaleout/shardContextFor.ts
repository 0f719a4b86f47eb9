// The coordinator's share of a distributed scoring: everything that needs all customers at once —
// the rule-based scorers' backtest and Platt map, co-purchase and popularity, the propensity model
// (trained or from the model cache) and its all-customer offer statistics, auto's choice among the
// candidates' backtests — done once, before the shards.
import { UserError } from '../domain/errors.ts';
import { affinityAllCustomerParts, affinityScores } from '../rank/affinityScores.ts';
import { frequencyScores } from '../rank/frequencyScores.ts';
import type { OfferLines } from '../rank/offerLines.ts';
import { offerPopularity, popularityScores } from '../rank/offerPopularity.ts';
import { customerLineIndexFromLines } from '../snapshot/offerFeaturesIndex.ts';
import { offerLevelStatsFromLines } from '../snapshot/offerFeaturesOffer.ts';
import type { OfferExtras } from '../snapshot/offerFeaturesStats.ts';
import { AUTO_CANDIDATES, autoChoice, plainBacktest, trainedPropensity, type TorQuality, type TorScoringInput } from '../tor/torScorers.ts';
import { SHARD_SCORERS, type ShardContext, type ShardLines, type ShardScorer } from './shardTask.ts';

export interface PreparedScoring {
  /** The scorer the shards run (auto: the one it chose). */
  model: ShardScorer;
  context: ShardContext;
  /** The history every shard's lines are cut from (all customers). */
  lines: ShardLines & { nCustomers: number };
  extras: OfferExtras;
  probabilities: boolean;
  quality: TorQuality | null;
}

const DISTRIBUTABLE = [...SHARD_SCORERS, 'auto'];

export function assertDistributable(model: string): void {
  if (!DISTRIBUTABLE.includes(model))
    throw new UserError(
      `a distributed compute scores with ${DISTRIBUTABLE.join(', ')}; this TOR's model is '${model}' ` +
        `(set one with \`nextbest tor edit ID --model propensity\`, or compute without --redis)`,
    );
}

const plainScores: Record<string, (x: OfferLines) => Float64Array> = {
  baseline: (x) => affinityScores(x),
  frequency: (x) => frequencyScores(x),
  popularity: (x) => popularityScores(x),
};

async function prepared(model: ShardScorer, i: TorScoringInput): Promise<PreparedScoring> {
  const base = { nOffers: i.lines.nOffers, asOf: i.lines.asOf };
  if (model === 'propensity') {
    const { lines, trained } = await trainedPropensity(i);
    const offerStats = offerLevelStatsFromLines(lines, customerLineIndexFromLines(lines), lines.asOf, trained.model.config.horizonDays);
    const propensity = { model: trained.model, offerStats, nAncestors: lines.nAncestors, offerAncestor: lines.offerAncestor };
    const context: ShardContext = { model, ...base, platt: null, propensity };
    return { model, context, lines, extras: i.extras, probabilities: true, quality: trained.quality };
  }
  const { quality, platt } = plainBacktest(model, plainScores[model], i);
  const context: ShardContext = { model, ...base, platt: platt ?? null };
  if (model === 'popularity') context.popularity = offerPopularity(i.lines);
  if (model === 'baseline') context.affinity = affinityAllCustomerParts(i.lines);
  // The rule-based scorers read no events or contacts: the shards get none.
  return { model, context, lines: i.lines, extras: {}, probabilities: !!platt, quality };
}

export async function shardContextFor(model: string, i: TorScoringInput): Promise<PreparedScoring> {
  assertDistributable(model);
  if (model !== 'auto') return prepared(model as ShardScorer, i);
  // auto as on one machine: every candidate's backtest, the best NDCG@K kept; only the winner is scored.
  const results: PreparedScoring[] = [];
  for (const name of AUTO_CANDIDATES) {
    try {
      results.push(await prepared(name as ShardScorer, i));
    } catch (e) {
      i.log(`auto: ${name} skipped: ${(e as Error).message}`);
    }
  }
  return autoChoice(results, i.perCustomer, i.log);
}
