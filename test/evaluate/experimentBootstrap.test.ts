// The sparse bootstrap resample must have the distribution of an ordinary one: n draws with
// replacement, summed. Checked against the exact moments of that sum, on both code paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ratioDifferenceBootstrap } from '../../src/evaluate/experiment/ratioDifferenceBootstrap.ts';
import { resampledSums } from '../../src/evaluate/experiment/resampledSums.ts';
import { Rng } from '../../src/generate/prng.ts';

/** Mean and variance of the resampled sums over `b` resamples; column 1 is all ones (the hit count). */
function moments(n: number, values: Float64Array, b: number) {
  const arm = { n, columns: [values, new Float64Array(values.length).fill(1)] };
  const rng = Rng.from(3, 1);
  const out = new Float64Array(2);
  let s = 0,
    ss = 0,
    k = 0,
    kk = 0;
  for (let i = 0; i < b; i++) {
    resampledSums(arm, rng, out);
    s += out[0];
    ss += out[0] * out[0];
    k += out[1];
    kk += out[1] * out[1];
  }
  return { mean: s / b, variance: ss / b - (s / b) ** 2, hits: k / b, hitVariance: kk / b - (k / b) ** 2 };
}

function check(n: number, m: number) {
  // Values 1..m on m units, zeros on the other n − m. A sum of n iid draws has
  // E = n·μ = Σv and Var = n·σ², σ² = Σv²/n − (Σv/n)²; the hit count is Binomial(n, m/n).
  const values = Float64Array.from({ length: m }, (_, j) => j + 1);
  const sum = (m * (m + 1)) / 2;
  const sumSq = (m * (m + 1) * (2 * m + 1)) / 6;
  const variance = n * (sumSq / n - (sum / n) ** 2);
  const b = 20_000;
  const got = moments(n, values, b);
  const seMean = Math.sqrt(variance / b);
  assert.ok(Math.abs(got.mean - sum) < 4 * seMean, `mean ${got.mean} vs ${sum} (se ${seMean})`);
  assert.ok(Math.abs(got.variance / variance - 1) < 0.05, `variance ${got.variance} vs ${variance}`);
  assert.ok(Math.abs(got.hits - m) < 4 * Math.sqrt((m * (1 - m / n)) / b), `hits ${got.hits} vs ${m}`);
  assert.ok(Math.abs(got.hitVariance / (m * (1 - m / n)) - 1) < 0.05, `hit variance ${got.hitVariance}`);
}

test('resampledSums: sparse path (geometric gaps) has the moments of n draws with replacement', () => check(1000, 20));

test('resampledSums: dense path (n index draws) has the same moments', () => check(1000, 600));

test('resampledSums: empty arms sum to zero', () => {
  const out = new Float64Array([5]);
  resampledSums({ n: 10, columns: [new Float64Array(0)] }, Rng.from(1), out);
  assert.equal(out[0], 0);
});

test('ratioDifferenceBootstrap: seeded, and its spread matches the delta method on a large sample', () => {
  // Treatment: 4,000 units, every 10th has 1 order worth 50 or 70 (alternating); control: 2,000 units,
  // every 10th has 1 order worth 50. The AOV difference is 10. Per order the values have sd 10, so
  // var(AOV_t) ≈ 100/400 = 0.25 (Σorders is itself random but each unit's ratio is its own value).
  const arm = (n: number, values: (j: number) => number) => {
    const m = n / 10;
    return { n, columns: [Float64Array.from({ length: m }, (_, j) => values(j)), new Float64Array(m).fill(1)] };
  };
  const t = arm(4000, (j) => (j % 2 ? 70 : 50));
  const c = arm(2000, () => 50);
  const a = ratioDifferenceBootstrap(t, c, 2000, 5, 0.95)!;
  const b = ratioDifferenceBootstrap(t, c, 2000, 5, 0.95)!;
  assert.deepEqual(a, b);
  const halfWidth = (a.high - a.low) / 2;
  const expected = 1.96 * Math.sqrt(100 / 400); // control AOV is constant: no variance from it
  assert.ok(Math.abs(halfWidth / expected - 1) < 0.1, `half width ${halfWidth} vs ${expected}`);
  assert.ok(a.low < 10 && 10 < a.high);
  assert.equal(ratioDifferenceBootstrap(t, c, 0, 5, 0.95), null);
});
