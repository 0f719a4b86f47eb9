// The models the contract tests run, one line each (contract.test.ts, foldIn.test.ts).
import type { Recommender } from '../../src/models/recommender.ts';
import { Popularity } from '../../src/models/popularity.ts';
import { Repurchase } from '../../src/models/repurchase.ts';
import { ItemKnn } from '../../src/models/itemKnn.ts';
import { UserKnn } from '../../src/models/userKnn.ts';
import { Blend } from '../../src/models/blend.ts';
import { TrendPopularity } from '../../src/models/trendPopularity.ts';
import { AlsRecommender } from '../../src/models/als.ts';
import { AlsRepurchase } from '../../src/models/alsRepurchase.ts';
import { EaseRecommender } from '../../src/models/ease.ts';

export const factories: [string, () => Recommender][] = [
  ['popularity', () => new Popularity({ halfLifeDays: 30 })],
  ['repurchase', () => new Repurchase({ repeatRateExponent: 1 })],
  ['itemKnn', () => new ItemKnn({ k: 4 })],
  ['userKnn', () => new UserKnn({ k: 3 })],
  ['als', () => new AlsRecommender({ factors: 8, iterations: 5 })],
  ['als-repurchase', () => new AlsRepurchase({ als: { factors: 8, iterations: 5 }, threads: 1 })],
  ['ease', () => new EaseRecommender({ lambda: 10 })],
  [
    'blend',
    () =>
      new Blend([new Repurchase(), new ItemKnn({ k: 4 }), new Popularity()], {
        validationDays: 60,
        minUsersPerSegment: 2,
        minValidationUsers: 2,
      }),
  ],
  ['trend', () => new TrendPopularity({ recentDays: 40, previousDays: 60 })],
  [
    'blend-rank-cuts',
    () =>
      new Blend([new Repurchase(), new UserKnn({ k: 3 }), new TrendPopularity()], {
        validationDays: 50,
        minUsersPerSegment: 2,
        minValidationUsers: 2,
        normalise: 'rank',
        candidates: 5,
        validationCuts: 2,
        cutStepDays: 40,
      }),
  ],
];
