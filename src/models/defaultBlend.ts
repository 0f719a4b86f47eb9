// The learned blend `nextbest` ships: repurchase timing, user- and item-neighbourhoods, ALS,
// recent, trending and seasonal popularity, weighted per customer type (blend.ts).
import { AlsRecommender } from './als.ts';
import { Blend, type BlendConfig } from './blend.ts';
import { EaseRecommender } from './ease.ts';
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
  /** Include EASE (closed-form item–item, ease.ts) as a component; costs two dense inverses (validation + final fit). */
  withEase: number;
  /** EASE's λ when included. */
  easeLambda: number;
}

// rank normalisation and the trend component were chosen on validation as-of 2011-06-01 (+91 days):
// new-items NDCG@10 0.1428 → 0.1578 (trend) → 0.1619 (rank); all items 0.4237 → 0.4231 → 0.4241.
// validationCuts stays 1: 3 cuts scored lower at as-of 2011-06-01 and 2011-07-01 (0.1491, 0.1341 new).
// EASE (λ 300, best of 100/300/1000/3000 alone: new 0.1465 / 0.1312 at v6 / v7, above ALS 0.1286 / 0.1175)
// enters the new-items weights only, and all-time popularity leaves them: new-items NDCG@10 at
// v6 / v7 0.1619 / 0.1402 → 0.1628 / 0.1404 (EASE with popularity: 0.1586 / 0.1349). All items unchanged.
// EASE inside the blend stays proportionate on big catalogues (ease.ts): the inverse on the 3,000 most-bought
// items in single precision, B kept to 200 entries per row. On B1 (Online Retail, 3.4k bought items) EASE
// alone scores new / all items 0.1250 / 0.3065 this way against 0.1235 / 0.3084 dense, in 3.5 s instead of
// 8.4 s; on 12k items the dense inverse took ≈ 470 s per fit (twice per blend fit) and 576 MB of state.
export const BLEND_EASE = { maxActiveItems: 3000, keepPerItem: 200, precision: 'single' } as const;

export const DEFAULT_DEFAULT_BLEND: Partial<DefaultBlendConfig> = {
  withAls: 1,
  horizonDays: 91,
  withTrend: 1,
  normalise: 'rank',
  withEase: 1,
  easeLambda: 300,
};

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
    ...(c.withEase ? [new EaseRecommender({ lambda: c.easeLambda ?? 300, ...BLEND_EASE })] : []),
  ];
  const names = components.map((m) => m.name);
  return new Blend(
    components,
    {
      allItemsComponents: names.filter((n) => n !== 'ease'),
      newItemsComponents: names.filter((n) => n !== 'popularity'),
      ...c,
    },
    'blend',
  );
}
