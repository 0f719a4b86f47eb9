// The blend's settings (blend.ts): how weights are learned and validated, and which components each
// variant may use.
import type { BlendNormalisation } from './blendFeatures.ts';

export interface BlendConfig {
  /** Validation window V in days before as-of on which weights are learned. */
  validationDays: number;
  /** Customer-type boundaries on past orders: [2, 5] → types {1}, {2–4}, {5+}. */
  segmentBounds: number[];
  /** Candidates per component and user (top-M union) scored during learning. */
  candidates: number;
  /** Cut-off of the NDCG that is maximised. */
  k: number;
  /** Coordinate-ascent passes over the weights. */
  rounds: number;
  /** At most this many validation users per customer type (evenly spaced, deterministic). */
  maxUsersPerSegment: number;
  /** A customer type with fewer validation users uses the weights learned on all users. */
  minUsersPerSegment: number;
  /** Fixed weights (one per component) instead of learning; null = learn. */
  fixedWeights: number[] | null;
  /** Validation cuts whose candidates are pooled: cut c ends cutStepDays·c days earlier (weights that hold across months). */
  validationCuts: number;
  /** Days between consecutive validation cuts. */
  cutStepDays: number;
  /** Per-user normalisation of component scores (blendFeatures.ts): by the row maximum or by rank. */
  normalise: BlendNormalisation;
  /** 'rank' normalisation: offset o in x = o/(o + rank). */
  rankOffset: number;
  /** Components (by name) the all-items weights may use; the others get weight 0 there. null = all. */
  allItemsComponents: string[] | null;
  /** Likewise for the new-items weights (a component can help one variant and only add noise to the other). */
  newItemsComponents: string[] | null;
  /** A validation split with fewer customers is not used; with none left the weights are equal. */
  minValidationUsers: number;
  /** Holdout split without usable times: share of a customer's lines held out. */
  holdoutShare: number;
  /** Seed of the holdout split. */
  seed: number;
}

export const DEFAULT_BLEND: BlendConfig = {
  validationDays: 91,
  segmentBounds: [2, 5],
  candidates: 50,
  k: 10,
  rounds: 3,
  maxUsersPerSegment: 1500,
  minUsersPerSegment: 50,
  fixedWeights: null,
  validationCuts: 1,
  cutStepDays: 30,
  normalise: 'max',
  rankOffset: 10,
  allItemsComponents: null,
  newItemsComponents: null,
  minValidationUsers: 20,
  holdoutShare: 0.2,
  seed: 1,
};
