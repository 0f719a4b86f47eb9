// Difference of two means (treatment minus control) with unequal variances: Welch's t interval.
//   se = √(s₁²/n₁ + s₂²/n₂),  ν = se⁴ / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1))  (Welch–Satterthwaite),
//   CI = δ ± t_{ν, 1−α/2}·se,  p = 2·P(T_ν > |δ|/se).
// Revenue per contact is mostly zeros with a long tail; with thousands of contacts per arm the mean
// is close to normal, and Welch does not assume the arms share a variance (treatment changes it).

import { studentTCdf } from './studentTCdf.ts';
import { studentTQuantile } from './studentTQuantile.ts';

export interface ArmMoments {
  n: number;
  mean: number;
  /** Unbiased sample variance (n − 1 denominator). */
  variance: number;
}

export interface MeanDifference {
  diff: number | null;
  low: number | null;
  high: number | null;
  p_value: number | null;
  df: number | null;
}

/** Welch interval at `confidence` for a.mean − b.mean; null fields when an arm has fewer than 2 units. */
export function welchDifference(a: ArmMoments, b: ArmMoments, confidence: number): MeanDifference {
  if (a.n < 2 || b.n < 2) {
    const diff = a.n > 0 && b.n > 0 ? a.mean - b.mean : null;
    return { diff, low: null, high: null, p_value: null, df: null };
  }
  const diff = a.mean - b.mean;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  // Both arms constant: the difference is known exactly.
  if (se === 0) return { diff, low: diff, high: diff, p_value: diff === 0 ? 1 : 0, df: null };
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const t = studentTQuantile(1 - (1 - confidence) / 2, df);
  const pValue = 2 * studentTCdf(-Math.abs(diff) / se, df);
  return { diff, low: diff - t * se, high: diff + t * se, p_value: pValue, df };
}
