// The learned blend `nextbest` ships: repurchase timing, user- and item-neighbourhoods, ALS,
// recent, trending and seasonal popularity, weighted per customer type (blend.ts).
import { AlsRecommender } from './als.ts';
import { Blend, type BlendConfig } from './blend.ts';
import { ItemKnn } from './itemKnn.ts';
import { Popularity } from './popularity.ts';
import { Repurchase } from './repurchase.ts';
import { TrendPopularity } from './trendPopularity.ts';
import { UserKnn } from './userKnn.ts';

export interface DefaultBlendConfig extends BlendConfig {
  /** Include H5's ALS as a component (costs an extra ALS fit for the validation split). */
  withAls: number;
  /** Horizon in days the repurchase timing and seasonal popularity look ahead. */
  horizonDays: number;
  /** Include the trend-popularity component (items accelerating over the last 4 weeks). */
  withTrend: number;
}

// rank normalisation and the trend component were chosen on validation as-of 2011-06-01 (+91 days):
// new-items NDCG@10 0.1428 → 0.1578 (trend) → 0.1619 (rank); all items 0.4237 → 0.4231 → 0.4241.
// validationCuts stays 1: 3 cuts scored lower at as-of 2011-06-01 and 2011-07-01 (0.1491, 0.1341 new).
export const DEFAULT_DEFAULT_BLEND: Partial<DefaultBlendConfig> = { withAls: 1, horizonDays: 91, withTrend: 1, normalise: 'rank' };

export function defaultBlend(config: Partial<DefaultBlendConfig> = {}): Blend {
  const c = { ...DEFAULT_DEFAULT_BLEND, ...config };
  const h = c.horizonDays ?? 91;
  const components = [
    new Repurchase({ cycleWeight: 0.3, repeatRateExponent: 1, horizonDays: h }),
    new UserKnn({ k: 100, alpha: 0.3 }),
    new ItemKnn({ k: 50 }),
    new Popularity({}, 'popularity'),
    new Popularity({ windowDays: 30 }, 'popularity-30d'),
    // same span one year earlier: catches Christmas-type items when a year of history exists
    new Popularity({ windowDays: h, offsetDays: Math.max(0, 365 - h) }, 'popularity-season'),
    ...(c.withAls ? [new AlsRecommender()] : []),
    ...(c.withTrend ? [new TrendPopularity()] : []),
  ];
  return new Blend(components, c, 'blend');
}
