// A shard's scores: the same functions as the single-process scorers, on the shard's own lines with
// the all-customer parts (co-purchase, popularity, offer statistics, model, Platt map) taken from the context, so
// every row equals the single-process row bit for bit. Pure.
import { propensityScores } from '../models/propensity/propensityModel.ts';
import { affinityScores } from '../rank/affinityScores.ts';
import { frequencyScores } from '../rank/frequencyScores.ts';
import { calibratedInPlace } from '../rank/offerBacktest.ts';
import type { OfferLines } from '../rank/offerLines.ts';
import type { ShardContext, ShardInput } from './shardTask.ts';

/** customers.length × nOffers row-major scores of the shard. */
export function scoreShard(ctx: ShardContext, input: ShardInput): Float64Array {
  const nC = input.customers.length,
    nO = ctx.nOffers;
  const lines: OfferLines = { nCustomers: nC, nOffers: nO, asOf: ctx.asOf, ...input.lines };
  if (ctx.model === 'propensity') {
    const p = ctx.propensity;
    if (!p) throw new Error('shard context: propensity model missing');
    const pl = {
      ...lines,
      lineAncestor: input.lines.lineAncestor ?? new Int32Array(0),
      nAncestors: p.nAncestors,
      offerAncestor: p.offerAncestor,
    };
    return propensityScores(p.model, pl, ctx.asOf, input.extras, p.offerStats);
  }
  let scores: Float64Array;
  if (ctx.model === 'frequency') scores = frequencyScores(lines);
  else if (ctx.model === 'baseline') {
    if (!ctx.affinity) throw new Error('shard context: co-purchase and popularity missing');
    scores = affinityScores({ ...lines, allCustomers: ctx.affinity });
  } else {
    if (!ctx.popularity) throw new Error('shard context: popularity missing');
    scores = new Float64Array(nC * nO);
    for (let c = 0; c < nC; c++) scores.set(ctx.popularity, c * nO);
  }
  return ctx.platt ? calibratedInPlace(scores, ctx.platt) : scores;
}
