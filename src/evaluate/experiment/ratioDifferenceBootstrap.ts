// Percentile bootstrap interval for a difference of two ratio statistics, Σnum/Σden in treatment
// minus the same in control (e.g. average order value = revenue / orders). The ratio has no simple
// variance, so each arm is resampled on its own (the arms are independent samples) and the
// statistic recomputed. Seeded: the same input and seed give the same interval.

import { Rng } from '../../generate/prng.ts';
import { percentileInterval } from './percentileInterval.ts';
import { resampledSums, type SparseArm } from './resampledSums.ts';
import type { Interval } from './wilsonInterval.ts';

const BOOTSTRAP_STREAM = 0xb0075; // keeps these draws apart from any other use of the same seed

/** Each arm's columns are [numerator, denominator] over its non-zero units. */
export function ratioDifferenceBootstrap(
  treatment: SparseArm,
  control: SparseArm,
  resamples: number,
  seed: number,
  confidence: number,
): Interval | null {
  if (resamples <= 0) return null;
  const rng = Rng.from(seed, BOOTSTRAP_STREAM);
  const st = new Float64Array(2);
  const sc = new Float64Array(2);
  const reps = new Float64Array(resamples);
  let k = 0;
  for (let b = 0; b < resamples; b++) {
    resampledSums(treatment, rng, st);
    resampledSums(control, rng, sc);
    // A resample with no denominator (no orders) has no ratio: it is dropped, not counted as 0.
    if (st[1] > 0 && sc[1] > 0) reps[k++] = st[0] / st[1] - sc[0] / sc[1];
  }
  // Too few defined replicates means the ratio is unstable; an interval would mislead.
  if (k < resamples / 2) return null;
  return percentileInterval(reps.subarray(0, k), confidence);
}
