import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blendWeightsFromCandidates, concatSets, ndcgOfWeights, type BlendTrainingSet } from '../../src/models/blendWeights.ts';
import { Blend } from '../../src/models/blend.ts';
import { Popularity } from '../../src/models/popularity.ts';
import { Repurchase } from '../../src/models/repurchase.ts';
import { allUsers, tinyLog } from './tinyLog.ts';

// Two users, three candidates each, two features. Feature 0 ranks the bought item last,
// feature 1 ranks it first: the learned weights must prefer feature 1.
const set: BlendTrainingSet = {
  nFeatures: 2,
  users: 2,
  ptr: Int32Array.from([0, 3, 6]),
  x: Float32Array.from([1, 0, 0.5, 0.2, 0.1, 0.9, /* user 2 */ 0.9, 0.1, 0.8, 0.2, 0.2, 1]),
  label: Uint8Array.from([0, 0, 1, 0, 0, 1]),
  nTruth: Int32Array.from([1, 2]),
};

test('ndcgOfWeights follows the metric definition', () => {
  // weights (0,1): user 1 hit at rank 1 → 1; user 2 hit at rank 1 of |T|=2 → 1/(1 + 1/log2 3)
  const want = (1 + 1 / (1 + 1 / Math.log2(3))) / 2;
  assert.ok(Math.abs(ndcgOfWeights(set, [0, 1], 2) - want) < 1e-12);
  // weights (1,0): user 1 hit at rank 3 (outside k=2) → 0; user 2 at rank 3 → 0
  assert.equal(ndcgOfWeights(set, [1, 0], 2), 0);
});

test('coordinate ascent finds weights at least as good as every single feature', () => {
  const fit = blendWeightsFromCandidates(set, 2, 3);
  assert.ok(fit.ndcg >= ndcgOfWeights(set, [0, 1], 2) - 1e-12);
  assert.ok(fit.weights[1] > fit.weights[0]);
  assert.equal(Math.max(...fit.weights), 1);
});

test('blend with fixed weights scores Σ w_c · s_c / max_u s_c', async () => {
  const log = tinyLog();
  const a = new Repurchase(),
    b = new Popularity();
  const blend = new Blend([new Repurchase(), new Popularity()], { fixedWeights: [1, 0.5] });
  await Promise.all([a.fit(log), b.fit(log), blend.fit(log)]);
  const users = allUsers(log),
    n = log.nItems;
  const [sa, sb, s] = [await a.scoreItems(users), await b.scoreItems(users), await blend.scoreItems(users)];
  for (let u = 0; u < log.nUsers; u++) {
    const ma = Math.max(0, ...sa.subarray(u * n, u * n + n)),
      mb = Math.max(0, ...sb.subarray(u * n, u * n + n));
    for (let i = 0; i < n; i++) {
      const want = (ma > 0 ? sa[u * n + i] / ma : 0) + (mb > 0 ? (0.5 * sb[u * n + i]) / mb : 0);
      assert.ok(Math.abs(s[u * n + i] - want) < 1e-5);
    }
  }
});

test('learned blend records weights per variant and customer type', async () => {
  const blend = new Blend([new Repurchase(), new Popularity()], { validationDays: 60, minUsersPerSegment: 1 });
  await blend.fit(tinyLog());
  assert.equal(blend.weights!.all.length, 3);
  assert.equal(blend.weights!.new.length, 3);
  for (const w of [...blend.weights!.all, ...blend.weights!.new]) assert.ok(w.every((x) => x >= 0) && w.length === 2);
});

test('concatSets pools users: NDCG of the pool is the user-weighted mean of the parts', () => {
  const one: BlendTrainingSet = {
    nFeatures: 2,
    users: 1,
    ptr: Int32Array.from([0, 2]),
    x: Float32Array.from([0, 1, 1, 0]),
    label: Uint8Array.from([1, 0]),
    nTruth: Int32Array.from([1]),
  };
  const pool = concatSets([set, one]);
  assert.equal(pool.users, 3);
  assert.deepEqual([...pool.ptr], [0, 3, 6, 8]);
  const want = (2 * ndcgOfWeights(set, [0, 1], 2) + ndcgOfWeights(one, [0, 1], 2)) / 3;
  assert.ok(Math.abs(ndcgOfWeights(pool, [0, 1], 2) - want) < 1e-12);
});
