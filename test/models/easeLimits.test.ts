// EASE's limits for big catalogues (the blend's EASE): the inverse on the most-bought items only,
// B kept to its largest entries per row, a single-precision onnx inverse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeItemsFromLog, EaseRecommender, easeWeightsFromGram, sparseRowsFromDense } from '../../src/models/ease.ts';
import { allUsers, tinyLog } from './tinyLog.ts';

test('maxActiveItems keeps the most-bought items (ties to the lower index), in index order', () => {
  const log = tinyLog(200, 30, 12);
  const buyers = new Array(log.nItems).fill(0);
  for (const i of log.indices) buyers[i]++;
  const top = activeItemsFromLog(log, 5);
  assert.equal(top.length, 5);
  assert.deepEqual(
    [...top],
    [...top].sort((a, b) => a - b),
  );
  const cut = Math.min(...[...top].map((i) => buyers[i]));
  for (let i = 0; i < log.nItems; i++) if (!top.includes(i)) assert.ok(buyers[i] <= cut, `item ${i} (${buyers[i]} buyers) left out`);
});

test("sparse rows keep each row's largest |B_ij|; keeping every column scores as the dense B", async () => {
  const b = Float32Array.from([0, 3, -5, 1, /* row 1 */ 2, 0, 0.5, -0.25, /* row 2 */ 0, 0, 0, 0, /* row 3 */ 1, -1, 2, 0]);
  const { cols, w } = sparseRowsFromDense(b, 4, 2);
  assert.deepEqual([...cols], [2, 1, 0, 2, -1, -1, 2, 0]);
  assert.deepEqual([...w], [-5, 3, 2, 0.5, 0, 0, 2, 1]);

  const log = tinyLog(200, 30, 12),
    users = allUsers(log);
  const dense = new EaseRecommender({ lambda: 10 }),
    full = new EaseRecommender({ lambda: 10, keepPerItem: 12 });
  await dense.fit(log);
  await full.fit(log);
  const a = await dense.scoreItems(users),
    c = await full.scoreItems(users);
  for (let t = 0; t < a.length; t++) assert.ok(Math.abs(a[t] - c[t]) < 1e-5);
  const pruned = new EaseRecommender({ lambda: 10, keepPerItem: 3, maxActiveItems: 8 });
  await pruned.fit(log);
  const copy = new EaseRecommender();
  copy.load(structuredClone(pruned.save()));
  assert.deepEqual(await copy.scoreItems(users), await pruned.scoreItems(users));
  assert.ok((pruned.save().b as Float32Array | null) === null, 'no dense B in the state');
});

test('the single-precision onnx inverse gives the double-precision B to float accuracy', async () => {
  const n = 400,
    lambda = 50;
  let s = 3;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const g = new Float64Array(n * n);
  for (let u = 0; u < 2000; u++) {
    const items = Array.from({ length: 6 }, () => Math.floor(rnd() * rnd() * n));
    for (const i of items) for (const j of items) g[i * n + j] += 1;
  }
  const b64 = await easeWeightsFromGram(Float64Array.from(g), n, lambda, 1);
  const b32 = await easeWeightsFromGram(Float64Array.from(g), n, lambda, 1, true);
  let worst = 0;
  for (let t = 0; t < n * n; t++) worst = Math.max(worst, Math.abs(b64[t] - b32[t]));
  assert.ok(worst < 1e-4, `max |ΔB| ${worst}`);
});
