import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalisedAuuc, normalisedQini, qiniCurve, upliftAt, upliftCurve } from '../../src/evaluate/upliftMetrics.ts';
import { normalisedQiniReference } from '../../src/evaluate/upliftMetrics.reference.ts';
import { Rng } from '../../src/generate/prng.ts';

// Four rows, by score: r0 treated responder, r1 control non-responder, r2 control responder,
// r3 treated non-responder.
const scores = [0.9, 0.8, 0.7, 0.6],
  y = [1, 0, 1, 0],
  w = [1, 0, 0, 1];
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

test('qiniCurve by hand: Q = Y_T − Y_C·N_T/N_C after each row', () => {
  // x=1: 1 − 0 (no control yet) = 1; x=2: 1 − 0·1/1 = 1; x=3: 1 − 1·1/2 = 0.5; x=4: 1 − 1·2/2 = 0.
  const c = qiniCurve(scores, y, w);
  assert.deepEqual(Array.from(c.x), [0, 1, 2, 3, 4]);
  assert.deepEqual(Array.from(c.y), [0, 1, 1, 0.5, 0]);
});

test('normalisedQini by hand, and tied scores share one curve point', () => {
  // Model area (trapezoids) = 0.5 + 1 + 0.75 + 0.25 = 2.5; random line (0,0)→(4,0) has area 0.
  // Ideal scores (1, 0, −1, 0): r0, then r1 and r3 tied, then r2: points (1, 1), (3, 1 − 0·2/1 = 1),
  // (4, 0): area 0.5 + 2 + 0.5 = 3. Normalised: 2.5 / 3.
  close(normalisedQini(scores, y, w), 2.5 / 3);
  // Reversed order: points (1, 0), (2, 0 − 1·1/1 = −1), (3, −1·1/2), (4, 0): area −1.5 → −0.5.
  close(normalisedQini([0.6, 0.7, 0.8, 0.9], y, w), -0.5);
  // All tied: one point (4, 0), the random line itself.
  assert.deepEqual(Array.from(qiniCurve([1, 1, 1, 1], y, w).x), [0, 4]);
  close(normalisedQini([1, 1, 1, 1], y, w), 0);
});

test('normalisedAuuc by hand: U = (Y_T/N_T − Y_C/N_C)·x', () => {
  // x=1: (1 − 0)·1; x=2: (1 − 0)·2; x=3: (1 − 1/2)·3 = 1.5; x=4: (1/2 − 1/2)·4 = 0. Area 4.5.
  assert.deepEqual(Array.from(upliftCurve(scores, y, w).y), [0, 1, 2, 1.5, 0]);
  // 1 control responder, 1 treated non-responder → ideal = 2·[y = w] + w = (3, 2, 0, 1): same order.
  close(normalisedAuuc(scores, y, w), 1);
  // Reversed: (0, −2, −1.5, 0) → area 0 − 1 − 1.75 − 0.75 = −3.5; −3.5 / 4.5.
  close(normalisedAuuc([0.6, 0.7, 0.8, 0.9], y, w), -3.5 / 4.5);
});

test('upliftAt: top ⌈k·n⌉ rows, treated mean minus control mean', () => {
  close(upliftAt(scores, y, w, 0.5), 1 - 0); // r0 (T, 1), r1 (C, 0)
  close(upliftAt(scores, y, w, 0.75), 1 - 0.5); // + r2 (C, 1)
  close(upliftAt(scores, y, w, 0.7), 1 - 0.5); // ⌈2.8⌉ = 3
  assert.ok(Number.isNaN(upliftAt(scores, y, w, 0.25))); // only r0: no control row
  close(upliftAt(scores, y, w, 1), 0.5 - 0.5);
  assert.throws(() => upliftAt(scores, y, w, 0), /k must be in/);
  assert.throws(() => upliftAt(scores, [1], w, 0.5), /4 scores, 1 outcomes/);
});

test('normalisedQini agrees with the O(n²) reference on random data with ties', () => {
  const rng = Rng.from(7, 1);
  for (let trial = 0; trial < 20; trial++) {
    const n = 20 + Math.floor(rng.next() * 200);
    const s = Array.from({ length: n }, () => Math.floor(rng.next() * 15) / 15);
    const tr = Array.from({ length: n }, () => (rng.next() < 0.35 ? 1 : 0));
    const yy = Array.from({ length: n }, (_v, i) => (rng.next() < 0.2 + 0.3 * tr[i] * s[i] ? 1 : 0));
    close(normalisedQini(s, yy, tr), normalisedQiniReference(s, yy, tr));
  }
});
