import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logisticFromData, logisticScores, defaultLogisticConfig } from '../../../src/models/propensity/logistic.ts';
import { rocAuc } from '../../../src/evaluate/rocAuc.ts';

test('logistic separates linearly separable data and weights the informative feature', () => {
  const n = 400;
  const X = new Float32Array(3 * n),
    y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = (i % 20) / 20,
      b = ((i * 7) % 13) / 13;
    X[i] = a;
    X[n + i] = b;
    X[2 * n + i] = 5; // constant column must not break the fit
    y[i] = a + 0.1 * b > 0.5 ? 1 : 0;
  }
  const m = logisticFromData(
    X,
    n,
    3,
    y,
    Int32Array.from({ length: n }, (_, i) => i),
    { ...defaultLogisticConfig, l2: 0.01 },
  );
  assert.equal(rocAuc(logisticScores(m, X, n), y), 1);
  assert.ok(m.weights[0] > 5 * Math.abs(m.weights[1]), `weights ${[...m.weights]}`);
  assert.equal(m.invStd[2], 0);
  assert.ok(Number.isFinite(m.bias));
});

test('logistic with strong L2 shrinks towards the base rate', () => {
  const n = 100;
  const X = new Float32Array(n),
    y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    X[i] = i;
    y[i] = i % 4 === 0 ? 1 : 0;
  }
  const m = logisticFromData(
    X,
    n,
    1,
    y,
    Int32Array.from({ length: n }, (_, i) => i),
    { ...defaultLogisticConfig, l2: 1e6 },
  );
  const p = 1 / (1 + Math.exp(-logisticScores(m, X, n)[50]));
  assert.ok(Math.abs(p - 0.25) < 0.01, `p ${p}`);
});
