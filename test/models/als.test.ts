import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlsRecommender } from '../../src/models/als.ts';
import { alsFactorsFromLog, alsLoss, alsProblemFromLog } from '../../src/models/alsFit.ts';
import { alsFactorsExact } from '../../src/models/alsReference.ts';
import { defaultAlsConfig } from '../../src/models/alsConfig.ts';
import { interactionLogFromLines } from '../../src/models/interactionLogFromLines.ts';
import type { InteractionLog } from '../../src/models/recommender.ts';

/** Two taste groups of users over 12 items, random-ish but fixed. */
function tinyLog(nUsers = 16, nItems = 12): InteractionLog {
  const user: number[] = [],
    item: number[] = [];
  let s = 7;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let u = 0; u < nUsers; u++) {
    const base = u % 2 === 0 ? 0 : nItems / 2;
    for (let i = 0; i < nItems / 2; i++)
      if (rnd() < 0.6) {
        user.push(u);
        item.push(base + i);
      }
    if (rnd() < 0.3) {
      user.push(u);
      item.push(Math.floor(rnd() * nItems));
    }
  }
  const n = user.length;
  return interactionLogFromLines(
    {
      nUsers,
      nItems,
      user: Int32Array.from(user),
      item: Int32Array.from(item),
      order: Int32Array.from(user.map((_, i) => i)),
      quantity: new Float64Array(n).fill(2),
      amount: new Float64Array(n).fill(3),
      ts: Float64Array.from(user.map((_, i) => i * 1000)),
    },
    n * 1000,
  );
}

test('CG ALS converges to the exact per-row least-squares factors on a tiny problem', async () => {
  const log = tinyLog();
  const cfg = { factors: 4, iterations: 6, regularization: 0.1, alpha: 2, signal: 'orders' as const };
  const cg = await alsFactorsFromLog(log, { ...cfg, cgSteps: 12 });
  const exact = alsFactorsExact(log, cfg);
  let maxDiff = 0;
  for (let i = 0; i < cg.userFactors.length; i++) maxDiff = Math.max(maxDiff, Math.abs(cg.userFactors[i] - exact.userFactors[i]));
  for (let i = 0; i < cg.itemFactors.length; i++) maxDiff = Math.max(maxDiff, Math.abs(cg.itemFactors[i] - exact.itemFactors[i]));
  assert.ok(maxDiff < 1e-3, `max factor difference ${maxDiff}`);
});

test('exact ALS loss never increases and CG ALS ends close to it', async () => {
  const log = tinyLog();
  const cfg = { ...defaultAlsConfig, factors: 4, iterations: 8, regularization: 0.05 };
  const { byUser } = alsProblemFromLog(log, cfg);
  const losses: number[] = [];
  const exact = alsFactorsExact(log, cfg, (f) => losses.push(alsLoss(byUser, f, cfg.regularization)));
  for (let i = 1; i < losses.length; i++) assert.ok(losses[i] <= losses[i - 1] + 1e-6, `loss rose at ${i}: ${losses}`);
  assert.ok(losses.at(-1)! < losses[0]);
  const cg = await alsFactorsFromLog(log, cfg);
  const lExact = alsLoss(byUser, exact, cfg.regularization),
    lCg = alsLoss(byUser, cg, cfg.regularization);
  assert.ok(lCg < lExact * 1.05, `CG loss ${lCg} vs exact ${lExact}`);
});

test("ALS recommends the other items of a user's taste group, save/load reproduces scores, fold-in matches fit", async () => {
  const log = tinyLog();
  const m = new AlsRecommender({ factors: 4, iterations: 10, regularization: 0.05 });
  await m.fit(log);
  const users = Int32Array.from([0, 1]);
  const top = await m.recommend(users, 3, { excludeSeen: true });
  assert.ok(top.items[0] >= 0 && top.items[0] < 6, `user 0 got item ${top.items[0]} first`);
  assert.ok(top.items[3] >= 6, `user 1 got item ${top.items[3]} first`);
  const copy = new AlsRecommender();
  copy.load(m.save());
  assert.deepEqual(await copy.scoreItems(users), await m.scoreItems(users));
  // A user's folded-in vector is their exact solve against the final item factors: one more
  // user half-sweep of the exact solver. It must rank items like the fitted vector does.
  const v = m.userVectorFromLog(log, 0);
  const k = 4;
  const s = new Float32Array(12);
  for (let i = 0; i < 12; i++) for (let a = 0; a < k; a++) s[i] += v[a] * m.factors!.itemFactors[i * k + a];
  const fitted = await m.scoreItems(Int32Array.from([0]));
  for (let i = 0; i < 12; i++) assert.ok(Math.abs(s[i] - fitted[i]) < 0.05, `item ${i}: fold-in ${s[i]} vs fitted ${fitted[i]}`);
});

test('the wasm SIMD kernel (1 and 2 threads) converges to the exact factors and matches the JS kernel', async () => {
  const log = tinyLog(40, 24);
  // λ = 1 keeps the rank-deficient toy problem well conditioned, so float32 (wasm) and float64
  // (JS) CG follow the same path; on near-singular systems they drift apart within tolerance of
  // the objective but not of the factors.
  const cfg = { factors: 8, iterations: 6, regularization: 1, alpha: 2, signal: 'orders' as const, recencyHalfLifeDays: 0 };
  const exact = alsFactorsExact(log, cfg);
  const js = await alsFactorsFromLog(log, { ...cfg, cgSteps: 3, kernel: 'js' });
  const one = await alsFactorsFromLog(log, { ...cfg, cgSteps: 3, kernel: 'wasm', threads: 1 });
  const two = await alsFactorsFromLog(log, { ...cfg, cgSteps: 3, kernel: 'wasm', threads: 2, minWorkForThreads: 0 });
  assert.deepEqual(two.userFactors, one.userFactors, 'rows are independent: threads give identical factors');
  assert.deepEqual(two.itemFactors, one.itemFactors);
  const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
  assert.ok(maxDiff(one.userFactors, js.userFactors) < 1e-3, `wasm vs js ${maxDiff(one.userFactors, js.userFactors)}`);
  const conv = await alsFactorsFromLog(log, { ...cfg, cgSteps: 16, kernel: 'wasm', threads: 1 });
  assert.ok(maxDiff(conv.userFactors, exact.userFactors) < 2e-3, `wasm vs exact ${maxDiff(conv.userFactors, exact.userFactors)}`);
  assert.ok(maxDiff(conv.itemFactors, exact.itemFactors) < 2e-3);
});
