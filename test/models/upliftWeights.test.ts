// The optional per-row weights that class transformation passes to the propensity learners.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultGbdtConfig, gbdtFromData, gbdtScores } from '../../src/models/propensity/gbdt.ts';
import { logisticFromData, logisticScores } from '../../src/models/propensity/logistic.ts';
import { Rng } from '../../src/generate/prng.ts';

const n = 600,
  nF = 2,
  X = new Float32Array(n * nF),
  y = new Uint8Array(n);
const rng = Rng.from(5, 1);
for (let r = 0; r < n; r++) {
  X[r] = rng.next();
  X[n + r] = rng.next();
  y[r] = rng.next() < 0.2 + 0.5 * X[r] ? 1 : 0;
}
const rows = Int32Array.from({ length: n }, (_v, i) => i);

test('unit weights change nothing (gbdt and logistic)', () => {
  const cfg = { ...defaultGbdtConfig, trees: 10, depth: 3 };
  const plain = gbdtFromData(X, n, nF, y, rows, cfg),
    weighted = gbdtFromData(X, n, nF, y, rows, cfg, 1, new Float64Array(n).fill(1));
  assert.deepEqual(weighted, plain);
  assert.deepEqual(logisticFromData(X, n, nF, y, rows, undefined, new Float64Array(n).fill(1)), logisticFromData(X, n, nF, y, rows));
});

test('logistic: weight 2 on a row equals that row listed twice', () => {
  const half = rows.subarray(0, 300);
  const twice = Int32Array.from([...half, ...half.subarray(0, 100)]);
  const w = Float64Array.from(half, (_r, i) => (i < 100 ? 2 : 1));
  // Standardisation is unweighted, so compare predictions (invariant to it), not raw weights.
  const a = logisticScores(logisticFromData(X, n, nF, y, half, { l2: 0, maxIterations: 50, tolerance: 1e-10 }, w), X, n);
  const b = logisticScores(logisticFromData(X, n, nF, y, twice, { l2: 0, maxIterations: 50, tolerance: 1e-10 }), X, n);
  for (let r = 0; r < n; r++) assert.ok(Math.abs(a[r] - b[r]) < 1e-6, `row ${r}: ${a[r]} vs ${b[r]}`);
});

test('gbdt: the base is the weighted positive rate, and weights move the fit', () => {
  const cfg = { ...defaultGbdtConfig, trees: 0 };
  const w = Float64Array.from(rows, (r) => (y[r] ? 3 : 1));
  let pos = 0;
  for (let r = 0; r < n; r++) pos += y[r];
  const rate = (3 * pos) / (3 * pos + (n - pos));
  assert.ok(Math.abs(gbdtFromData(X, n, nF, y, rows, cfg, 1, w).base - Math.log(rate / (1 - rate))) < 1e-12);
  const cfg10 = { ...defaultGbdtConfig, trees: 10, rowSample: 1 };
  const s = gbdtScores(gbdtFromData(X, n, nF, y, rows, cfg10, 1, w), X, n),
    s0 = gbdtScores(gbdtFromData(X, n, nF, y, rows, cfg10), X, n);
  assert.ok(s.reduce((a, v) => a + v, 0) / n > s0.reduce((a, v) => a + v, 0) / n, 'up-weighted positives raise the mean logit');
  assert.throws(() => gbdtFromData(X, n, nF, y, rows, cfg10, 1, new Float64Array(3)), /one weight per training row/);
});
