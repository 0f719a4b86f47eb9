// The contract every Recommender keeps. Add a model with one line in `factories`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Recommender } from '../../src/models/recommender.ts';
import { Popularity } from '../../src/models/popularity.ts';
import { Repurchase } from '../../src/models/repurchase.ts';
import { ItemKnn } from '../../src/models/itemKnn.ts';
import { UserKnn } from '../../src/models/userKnn.ts';
import { Blend } from '../../src/models/blend.ts';
import { TrendPopularity } from '../../src/models/trendPopularity.ts';
import { allUsers, tinyLog } from './tinyLog.ts';
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
  ['blend', () => new Blend([new Repurchase(), new ItemKnn({ k: 4 }), new Popularity()], { validationDays: 60, minUsersPerSegment: 2 })],
  ['trend', () => new TrendPopularity({ recentDays: 40, previousDays: 60 })],
  ['blend-rank-cuts', () => new Blend([new Repurchase(), new UserKnn({ k: 3 }), new TrendPopularity()], { validationDays: 50, minUsersPerSegment: 2, normalise: 'rank', candidates: 5, validationCuts: 2, cutStepDays: 40 })],
];

for (const [name, make] of factories) {
  test(`${name}: keeps the Recommender contract`, async () => {
    const log = tinyLog();
    const users = allUsers(log);
    const m = make();
    await m.fit(log);
    const scores = await m.scoreItems(users);
    assert.equal(scores.length, log.nUsers * log.nItems);
    assert.ok(scores.every((v) => Number.isFinite(v)), 'finite scores');
    const some = Int32Array.from([2, 0, 5]);
    const sub = await m.scoreItems(users.subarray(0, 3), some);
    assert.equal(sub.length, 9);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) assert.equal(sub[r * 3 + c], scores[r * log.nItems + some[c]]);

    const k = 4;
    const top = await m.recommend(users, k);
    assert.equal(top.items.length, users.length * k);
    for (let r = 0; r < users.length; r++) {
      const row = [...top.scores.subarray(r * k, r * k + k)];
      assert.deepEqual(row, [...row].sort((a, b) => b - a), 'sorted best first');
      for (let t = 0; t < k; t++) if (top.items[r * k + t] >= 0) assert.equal(top.scores[r * k + t], scores[r * log.nItems + top.items[r * k + t]]);
    }
    const fresh = await m.recommend(users, k, { excludeSeen: true });
    for (let r = 0; r < users.length; r++) {
      const seen = new Set(log.indices.subarray(log.indptr[r], log.indptr[r + 1]));
      for (let t = 0; t < k; t++) assert.ok(!seen.has(fresh.items[r * k + t]), `user ${r} was recommended a bought item`);
    }

    const copy = make();
    copy.load(structuredClone(m.save()));
    assert.deepEqual(await copy.scoreItems(users), scores, 'save/load round-trip');
    assert.deepEqual((await copy.recommend(users, k, { excludeSeen: true })).items, fresh.items);

    assert.equal(typeof m.explain(0, top.items[0]), 'string');
    assert.ok(m.explain(0, top.items[0]).length > 0);

    const again = make();
    await again.fit(log);
    assert.deepEqual(await again.scoreItems(users), scores, 'deterministic');
  });
}
