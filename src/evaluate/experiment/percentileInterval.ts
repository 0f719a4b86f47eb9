// Percentile bootstrap interval: the α/2 and 1 − α/2 quantiles of the replicates, linear
// interpolation between order statistics (Hyndman–Fan type 7, R's default).

import type { Interval } from './wilsonInterval.ts';

function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Interval holding the central `confidence` share of the replicates (sorted in place); null if none. */
export function percentileInterval(replicates: Float64Array, confidence: number): Interval | null {
  if (replicates.length === 0) return null;
  replicates.sort();
  const alpha = 1 - confidence;
  return { low: quantileSorted(replicates, alpha / 2), high: quantileSorted(replicates, 1 - alpha / 2) };
}
