// Upper tail of the chi-square distribution with one degree of freedom: X = Z², so
// P(X > x) = P(|Z| > √x) = 2·Φ(−√x). Used by the sample-ratio-mismatch check.

import { normalCdf } from './normalCdf.ts';

/** P(χ²₁ > x); 1 for x ≤ 0. */
export function chiSquarePValue1df(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return 2 * normalCdf(-Math.sqrt(x));
}
