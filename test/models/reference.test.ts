// Fast models against their slow, obviously-correct references on a tiny log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Popularity, popularityScores, DEFAULT_POPULARITY } from '../../src/models/popularity.ts';
import { popularityScoresReference } from '../../src/models/popularity.reference.ts';
import { DEFAULT_REPURCHASE, Repurchase } from '../../src/models/repurchase.ts';
import { repurchaseScoresReference } from '../../src/models/repurchase.reference.ts';
import { DEFAULT_ITEM_KNN, ItemKnn } from '../../src/models/itemKnn.ts';
import { itemKnnScoresReference } from '../../src/models/itemKnn.reference.ts';
import { DEFAULT_USER_KNN, UserKnn } from '../../src/models/userKnn.ts';
import { userKnnScoresReference } from '../../src/models/userKnn.reference.ts';
import { allUsers, tinyLog } from './tinyLog.ts';

function close(actual: ArrayLike<number>, expected: number[], tol = 1e-5) {
  assert.equal(actual.length, expected.length);
  for (let j = 0; j < expected.length; j++) {
    assert.ok(Math.abs(actual[j] - expected[j]) <= tol * Math.max(1, Math.abs(expected[j])), `entry ${j}: ${actual[j]} vs ${expected[j]}`);
  }
}

test('popularity matches the reference for plain, windowed, offset and decayed configs', () => {
  const log = tinyLog();
  for (const cfg of [{}, { windowDays: 60 }, { windowDays: 50, offsetDays: 40 }, { halfLifeDays: 30 }]) {
    const c = { ...DEFAULT_POPULARITY, ...cfg };
    close(popularityScores(log, c), popularityScoresReference(log, c), 1e-12);
  }
});

test('popularity model scores every user with the same row', async () => {
  const log = tinyLog();
  const m = new Popularity();
  await m.fit(log);
  const s = await m.scoreItems(Int32Array.from([0, 3]));
  assert.deepEqual([...s.subarray(0, log.nItems)], [...s.subarray(log.nItems)]);
});

test('repurchase matches the reference (frequency, timing, repeat rate, window)', async () => {
  const log = tinyLog();
  for (const cfg of [
    { cycleWeight: 0 },
    { cycleWeight: 1, halfLifeDays: 40 },
    { cycleWeight: 0.3, repeatRateExponent: 1 },
    { windowDays: 90, offsetDays: 30 },
  ]) {
    const m = new Repurchase(cfg);
    await m.fit(log);
    close(await m.scoreItems(allUsers(log)), repurchaseScoresReference(log, { ...DEFAULT_REPURCHASE, ...cfg }));
  }
});

test('item-kNN matches the reference (cosine, asymmetric, shrinkage, decay)', async () => {
  const log = tinyLog();
  for (const cfg of [{ k: 3 }, { k: 5, alpha: 0.8, shrinkage: 2 }, { k: 9, halfLifeDays: 50 }]) {
    const m = new ItemKnn(cfg);
    await m.fit(log);
    close(await m.scoreItems(allUsers(log)), itemKnnScoresReference(log, { ...DEFAULT_ITEM_KNN, ...cfg }));
  }
});

test('item-kNN on worker threads gives the same scores as in-thread', async () => {
  const log = tinyLog(200, 40, 25);
  const inThread = new ItemKnn({ k: 6, minWorkForThreads: Infinity });
  const threaded = new ItemKnn({ k: 6, minWorkForThreads: 0, threads: 2 });
  await inThread.fit(log);
  await threaded.fit(log);
  assert.deepEqual(await threaded.scoreItems(allUsers(log)), await inThread.scoreItems(allUsers(log)));
});

test('user-kNN matches the reference and its worker path', async () => {
  const log = tinyLog();
  // k = all users for the undecayed config: equal similarities at the k-th place may round differently in float32
  for (const cfg of [
    { k: 11, alpha: 0.5 },
    { k: 6, alpha: 0.2, halfLifeDays: 60 },
  ]) {
    const m = new UserKnn(cfg);
    await m.fit(log);
    close(await m.scoreItems(allUsers(log)), userKnnScoresReference(log, { ...DEFAULT_USER_KNN, ...cfg }));
  }
  const a = new UserKnn({ k: 4, minWorkForThreads: Infinity }),
    b = new UserKnn({ k: 4, minWorkForThreads: 0, threads: 2 });
  await a.fit(log);
  await b.fit(log);
  assert.deepEqual(await b.scoreItems(allUsers(log)), await a.scoreItems(allUsers(log)));
});

test('repurchase timing: an item due now outranks one bought just now with a long cycle', async () => {
  // user 0 buys item 0 every 30 days (last 30 days ago) and item 1 every 100 days (last 1 day ago)
  const { interactionLogFromLines } = await import('../../src/models/interactionLogFromLines.ts');
  const D = 86_400_000;
  const t = [0, 30, 60, 90, 120]
    .map((d) => ({ i: 0, d }))
    .concat([19, 119].map((d) => ({ i: 1, d })))
    .concat([{ i: 1, d: 149 }])
    .sort((a, b) => a.d - b.d);
  const log = interactionLogFromLines(
    {
      nUsers: 1,
      nItems: 2,
      user: new Int32Array(t.length),
      item: Int32Array.from(t, (x) => x.i),
      order: Int32Array.from(t, (_, j) => j),
      quantity: new Float64Array(t.length).fill(1),
      amount: new Float64Array(t.length).fill(1),
      ts: Float64Array.from(t, (x) => x.d * D),
    },
    150 * D,
  );
  const m = new Repurchase({ cycleWeight: 1, horizonDays: 20, itemShrinkage: 0, userShrinkage: 0.01 });
  await m.fit(log);
  const s = await m.scoreItems(Int32Array.from([0]));
  assert.ok(s[0] > s[1], `due item ${s[0]} vs just-bought item ${s[1]}`);
  assert.match(m.explain(0, 0), /bought 5×, typically every ~30 days, last 30 days ago/);
});
