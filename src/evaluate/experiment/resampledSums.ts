// One bootstrap resample of an arm, summed, in time proportional to its non-zero units.
// A resample draws n units with replacement. Units whose values are all zero add nothing to any
// sum, so only the draws that land on one of the m non-zero units matter: their number is
// Binomial(n, m/n), generated exactly by geometric gaps between hits (O(hits)), and each hit is a
// uniform pick among the m rows. With conversions of a few per cent this is ~30× fewer draws than
// resampling all n indices; when most units are non-zero we draw the n indices directly instead.

import type { Rng } from '../../generate/prng.ts';

export interface SparseArm {
  /** Units in the arm, zeros included. */
  n: number;
  /** Values of the non-zero units only, one array per statistic, all of the same length m ≤ n. */
  columns: Float64Array[];
}

/** Adds the column sums of one resample of `arm` to `out` (zeroed first). */
export function resampledSums(arm: SparseArm, rng: Rng, out: Float64Array): void {
  out.fill(0);
  const cols = arm.columns;
  const m = cols.length ? cols[0].length : 0;
  const n = arm.n;
  if (m === 0 || n === 0) return;
  if (2 * m > n) {
    for (let d = 0; d < n; d++) {
      const r = rng.int(n);
      if (r < m) for (let c = 0; c < cols.length; c++) out[c] += cols[c][r];
    }
    return;
  }
  // Positions of the draws that hit a non-zero unit: gaps ~ Geometric(m/n).
  const logMiss = Math.log1p(-m / n);
  let pos = -1;
  for (;;) {
    pos += 1 + Math.floor(Math.log(1 - rng.next()) / logMiss);
    if (pos >= n) break;
    const r = rng.int(m);
    for (let c = 0; c < cols.length; c++) out[c] += cols[c][r];
  }
}
