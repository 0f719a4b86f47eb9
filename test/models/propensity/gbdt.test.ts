import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gbdtFromData, gbdtScores, defaultGbdtConfig } from '../../../src/models/propensity/gbdt.ts';
import { rocAuc } from '../../../src/evaluate/rocAuc.ts';

/** Column-major X with 3 features: f0 decides the label (y = f0 > 0.6), f1, f2 are noise. */
function toy(n: number, seed: number) {
  let s = seed;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const X = new Float32Array(3 * n),
    y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    X[i] = rnd();
    X[n + i] = rnd();
    X[2 * n + i] = Math.floor(rnd() * 3);
    y[i] = X[i] > 0.6 ? 1 : 0;
  }
  return { X, y, rows: Int32Array.from({ length: n }, (_, i) => i) };
}

test('gbdt learns a known single split (AUC ≈ 1 on fresh data) and splits on the informative feature', () => {
  const tr = toy(2000, 7),
    te = toy(1000, 99);
  const model = gbdtFromData(tr.X, 2000, 3, tr.y, tr.rows, { ...defaultGbdtConfig, trees: 30 });
  const auc = rocAuc(gbdtScores(model, te.X, 1000), te.y);
  assert.ok(auc > 0.99, `auc ${auc}`);
  assert.equal(model.feature[0], 0); // root split of the first tree is on f0
  assert.ok(Math.abs(model.threshold[0] - 0.6) < 0.05, `threshold ${model.threshold[0]}`);
});

test('gbdt scores a row subset exactly like the same rows of a full scoring, and is deterministic', () => {
  const tr = toy(500, 3);
  const a = gbdtFromData(tr.X, 500, 3, tr.y, tr.rows, { ...defaultGbdtConfig, trees: 10 });
  const b = gbdtFromData(tr.X, 500, 3, tr.y, tr.rows, { ...defaultGbdtConfig, trees: 10 });
  const full = gbdtScores(a, tr.X, 500);
  assert.deepEqual(gbdtScores(b, tr.X, 500), full);
  const sub = gbdtScores(a, tr.X, 500, Int32Array.from([5, 17, 400]));
  assert.deepEqual([...sub], [full[5], full[17], full[400]]);
});

test('gbdt on a constant label returns its base rate and no split', () => {
  const X = new Float32Array([1, 2, 3, 4]),
    y = new Uint8Array([1, 1, 1, 0]);
  const m = gbdtFromData(X, 4, 1, y, Int32Array.from([0, 1, 2]), { ...defaultGbdtConfig, trees: 3, minChildHessian: 1 });
  assert.ok([...m.feature].every((f) => f === -1));
  assert.ok(gbdtScores(m, X, 4)[0] > 5); // logit of a 3/3 positive rate, clamped below 1
});

test('softmax objective ranks within groups: the offer the group prefers scores highest', () => {
  // 400 groups of 4 rows; f0 = the row's affinity, f1 = a group-level level shared by its rows.
  // Exactly one row per group is positive: the one with the highest affinity.
  let s = 5;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const G = 400,
    m = 4,
    n = G * m;
  const X = new Float32Array(2 * n),
    y = new Uint8Array(n);
  for (let g = 0; g < G; g++) {
    const lvl = rnd();
    let best = 0;
    for (let o = 0; o < m; o++) {
      X[g * m + o] = rnd();
      X[n + g * m + o] = lvl;
      if (X[g * m + o] > X[g * m + best]) best = o;
    }
    y[g * m + best] = 1;
  }
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const model = gbdtFromData(X, n, 2, y, rows, { ...defaultGbdtConfig, objective: 'softmax', trees: 40, minChildHessian: 1 }, m);
  assert.equal(model.softmax, true);
  assert.equal(model.base, 0);
  const sc = gbdtScores(model, X, n);
  let top = 0;
  for (let g = 0; g < G; g++) {
    let b = 0;
    for (let o = 1; o < m; o++) if (sc[g * m + o] > sc[g * m + b]) b = o;
    top += y[g * m + b];
  }
  assert.ok(top / G > 0.9, `top-1 ${top}/${G}`);
  assert.throws(() => gbdtFromData(X, n, 2, y, rows.subarray(0, n - 1), { ...defaultGbdtConfig, objective: 'softmax' }, m), /whole groups/);
});
