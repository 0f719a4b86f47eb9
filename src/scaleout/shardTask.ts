// What a shard job scores with: the run's shared context (the scorer kind and what the coordinator
// trained or measured on all customers) and one shard's history lines, with customers renumbered
// 0..n-1 in the order of the shard's ascending global indices.
import type { PropensityModel } from '../models/propensity/propensityModel.ts';
import type { Platt } from '../models/propensity/platt.ts';
import type { OfferExtras } from '../snapshot/offerFeaturesStats.ts';
import type { OfferLevelStats } from '../snapshot/offerFeaturesOffer.ts';

/** Scorers whose score of a customer depends only on that customer's lines plus all-customer context. */
export const SHARD_SCORERS = ['baseline', 'frequency', 'popularity', 'propensity'] as const;
export type ShardScorer = (typeof SHARD_SCORERS)[number];

export interface ShardContext {
  model: ShardScorer;
  nOffers: number;
  asOf: number;
  /** baseline / frequency / popularity: the Platt map measured on the all-customer backtest (null: scores used as they are). */
  platt: Platt | null;
  /** baseline: co-purchase P(o | a) and popularity of all customers. */
  affinity?: { cond: Float64Array; pop: Float64Array };
  /** popularity: each offer's distinct recent buyers among all customers. */
  popularity?: Float64Array;
  /** propensity: the trained model and the offer statistics of all customers at asOf. */
  propensity?: { model: PropensityModel; offerStats: OfferLevelStats; nAncestors: number; offerAncestor: Int32Array };
}

export interface ShardLines {
  lineCust: Int32Array;
  lineOffer: Int32Array;
  lineAmount: Float64Array;
  lineTs: Float64Array;
  lineAncestor?: Int32Array;
}

export interface ShardInput {
  shard: number;
  /** Global (dense) customer indices of the shard, ascending: row r of the shard's scores is customers[r]. */
  customers: Int32Array;
  lines: ShardLines;
  extras: OfferExtras;
}
