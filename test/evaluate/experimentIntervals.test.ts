// Intervals and tests of the experiment report, each against a published or hand-worked value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustedPValues } from '../../src/evaluate/experiment/adjustedPValues.ts';
import { normalQuantile } from '../../src/evaluate/experiment/normalQuantile.ts';
import { percentileInterval } from '../../src/evaluate/experiment/percentileInterval.ts';
import { proportionDifference } from '../../src/evaluate/experiment/proportionDifference.ts';
import { relativeLift } from '../../src/evaluate/experiment/relativeLift.ts';
import { srmCheck } from '../../src/evaluate/experiment/srmCheck.ts';
import { welchDifference } from '../../src/evaluate/experiment/welchDifference.ts';
import { wilsonInterval } from '../../src/evaluate/experiment/wilsonInterval.ts';

const close = (a: number | null | undefined, b: number, eps = 1e-6) =>
  assert.ok(a !== null && a !== undefined && Math.abs(a - b) <= eps, `${a} != ${b} (±${eps})`);
const Z95 = normalQuantile(0.975);

test('wilsonInterval: Newcombe (1998a) example 81/263 → 0.2553 to 0.3662; x = 0 stays informative', () => {
  const w = wilsonInterval(81, 263, Z95)!;
  close(w.low, 0.2553, 5e-5);
  close(w.high, 0.3662, 5e-5);
  // x = 0: low = 0, high = z²/(n + z²) = 3.841459/13.841459 = 0.277533 for n = 10.
  const w0 = wilsonInterval(0, 10, Z95)!;
  assert.equal(w0.low, 0);
  close(w0.high, (Z95 * Z95) / (10 + Z95 * Z95), 1e-12);
  close(w0.high, 0.277533, 1e-6);
  assert.equal(wilsonInterval(0, 0, Z95), null);
});

test('proportionDifference: Newcombe (1998b) Table II, method 10, all eight examples', () => {
  const table: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ];
  for (const [x1, n1, x2, n2, lo, hi] of table) {
    const d = proportionDifference(x1, n1, x2, n2, Z95);
    close(d.low, lo, 5e-5);
    close(d.high, hi, 5e-5);
    close(d.diff, x1 / n1 - x2 / n2, 1e-15);
  }
});

test('proportionDifference: pooled z-test by hand; degenerate and empty arms', () => {
  // 56/70 vs 48/80: p̄ = 104/150 = 0.693333, se = √(p̄(1−p̄)(1/70 + 1/80)) = √0.00569524 = 0.0754668,
  // z = 0.2/0.0754668 = 2.65018, p = 2Φ(−2.65018) = 0.0080451 (= prop.test(correct = FALSE): χ² = z² = 7.0235).
  close(proportionDifference(56, 70, 48, 80, Z95).p_value, 0.0080451, 1e-7);
  // No conversions at all: no evidence of a difference.
  assert.equal(proportionDifference(0, 100, 0, 50, Z95).p_value, 1);
  const empty = proportionDifference(3, 10, 0, 0, Z95);
  assert.equal(empty.p1, 0.3);
  assert.deepEqual([empty.p2, empty.diff, empty.low, empty.high, empty.p_value], [null, null, null, null, null]);
});

test('welchDifference: hand-worked df and SciPy ttest_ind(equal_var=False)', () => {
  // a = [1,2,3,4]: mean 2.5, s² = 5/3;  b = [2,4,6]: mean 4, s² = 4.
  // s²/n: 5/12 = 0.416667 and 4/3; se = √1.75 = 1.322876; δ = −1.5; t = −1.133893;
  // ν = 1.75² / ((5/12)²/3 + (4/3)²/2) = 3.0625 / 0.946759 = 3.234719.
  const d = welchDifference({ n: 4, mean: 2.5, variance: 5 / 3 }, { n: 3, mean: 4, variance: 4 }, 0.95);
  close(d.df, 3.234718826405868, 1e-9);
  close(d.diff, -1.5, 1e-15);
  close(d.p_value, 0.33382370007750106, 1e-10);
  close(d.low, -1.5 - 3.055712710425896 * Math.sqrt(1.75), 1e-9); // t_{0.975, 3.2347} = 3.0557127
  close(d.high, -1.5 + 3.055712710425896 * Math.sqrt(1.75), 1e-9);
  // Fewer than two units in an arm: no variance, no interval.
  const one = welchDifference({ n: 1, mean: 3, variance: 0 }, { n: 5, mean: 1, variance: 1 }, 0.95);
  assert.deepEqual(one, { diff: 2, low: null, high: null, p_value: null, df: null });
  // Constant arms: the difference is exact.
  const flat = welchDifference({ n: 4, mean: 2, variance: 0 }, { n: 3, mean: 2, variance: 0 }, 0.95);
  assert.deepEqual(flat, { diff: 0, low: 0, high: 0, p_value: 1, df: null });
});

test('relativeLift: Katz log interval by hand', () => {
  // 30/1000 vs 20/1000: ratio 1.5, lift 0.5; se(log) = √(0.97/30 + 0.98/20) = √0.0813333 = 0.285190;
  // exp(log 1.5 ∓ 1.959964·0.285190) − 1 = −0.142297 and 1.623285.
  const l = relativeLift(30, 1000, 20, 1000, Z95);
  close(l.lift, 0.5, 1e-12);
  close(l.low, -0.14229667224629783, 1e-9);
  close(l.high, 1.623284680371567, 1e-9);
  assert.deepEqual(relativeLift(5, 100, 0, 100, Z95), { lift: null, low: null, high: null });
  assert.deepEqual(relativeLift(0, 100, 4, 100, Z95), { lift: -1, low: null, high: null });
});

test('percentileInterval: type-7 quantiles of the replicates', () => {
  // 0..100: the 2.5 % quantile is at h = 100·0.025 = 2.5 → 2.5; the 97.5 % at 97.5.
  const reps = Float64Array.from({ length: 101 }, (_, i) => 100 - i);
  const iv = percentileInterval(reps, 0.95)!;
  close(iv.low, 2.5, 1e-12);
  close(iv.high, 97.5, 1e-12);
  assert.equal(percentileInterval(new Float64Array(0), 0.95), null);
});

test('adjustedPValues: Holm and Benjamini–Hochberg (R p.adjust values)', () => {
  // Sorted: 0.005, 0.01, 0.03, 0.04 (m = 4). Holm: 0.02, 0.03, 0.06, max(0.04, 0.06) = 0.06.
  // BH from the top: 0.04, min(0.04, 0.04) = 0.04, 0.02, min(0.02, 0.02) = 0.02.
  const p = [0.01, 0.04, 0.03, 0.005];
  assert.deepEqual(
    adjustedPValues(p, 'holm').map((x) => +x.toFixed(12)),
    [0.03, 0.06, 0.06, 0.02],
  );
  assert.deepEqual(
    adjustedPValues(p, 'bh').map((x) => +x.toFixed(12)),
    [0.02, 0.04, 0.04, 0.02],
  );
  // Capped at 1; NaN stays NaN and is not counted in m.
  const h = adjustedPValues([0.6, NaN, 0.3], 'holm');
  assert.deepEqual([h[0], h[2]], [0.6, 0.6]);
  assert.ok(Number.isNaN(h[1]));
  assert.deepEqual(adjustedPValues([0.9, 0.8], 'holm'), [1, 1]);
  assert.deepEqual(adjustedPValues([], 'bh'), []);
  assert.throws(() => adjustedPValues([1.2], 'bh'), /not in \[0, 1\]/);
});

test('srmCheck: chi-square goodness of fit of the arm split', () => {
  // 905 / 95 planned 90/10: expected 900 / 100, χ² = 25/900 + 25/100 = 0.277778, p = 0.598161 (SciPy chi2.sf).
  const ok = srmCheck(905, 95, 0.1);
  close(ok.chi_square!, 0.2777777777777778, 1e-12);
  close(ok.p_value!, 0.5981614526835279, 1e-10);
  close(ok.observed_control_share!, 0.095, 1e-15);
  assert.equal(ok.mismatch, false);
  // 8500 / 1500 planned 90/10: χ² = 500²/9000 + 500²/1000 = 277.78, p ≈ 2.6e-62 → mismatch.
  const bad = srmCheck(8500, 1500, 0.1);
  close(bad.chi_square!, 277.77777777777777, 1e-9);
  assert.equal(bad.mismatch, true);
  assert.equal(srmCheck(0, 0, 0.2).p_value, null);
  assert.throws(() => srmCheck(10, 10, 1), /strictly between 0 and 1/);
});
