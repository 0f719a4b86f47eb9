// Student t distribution function with real (Welch–Satterthwaite) degrees of freedom:
// P(T ≤ t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0, and the mirror image below 0. Absolute error
// below 1e-13 up to ν ≈ 1000, growing to ~1e-9 at ν = 10⁷ (see regularizedBeta): ample for p-values.

import { normalCdf } from './normalCdf.ts';
import { regularizedBeta } from './regularizedBeta.ts';

/** P(T ≤ t) for T ~ Student t with `df` > 0 degrees of freedom (df = Infinity gives Φ). */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (df === Infinity) return normalCdf(t);
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  // Both tails from the same incomplete beta: the smaller tail is computed directly, never as 1 − x.
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}
