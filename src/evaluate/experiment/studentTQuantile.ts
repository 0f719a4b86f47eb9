// Inverse Student t distribution function for real degrees of freedom (Welch intervals).
// Exact closed forms at ν = 1 and 2; for ν > 1000 Hill's (1970) Cornish–Fisher expansion to ν⁻⁴
// (error below 1e-13 there); otherwise the expansion is only the starting point of a Newton
// iteration on studentTCdf, kept inside a bracket so that a poor start (small ν, far tail)
// falls back to bisection instead of diverging.

import { logGamma } from './logGamma.ts';
import { normalQuantile } from './normalQuantile.ts';
import { studentTCdf } from './studentTCdf.ts';

function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

function density(t: number, df: number): number {
  const lnC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(lnC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** Upper-half quantile (p > 0.5) by bracketed Newton. */
function upperQuantile(p: number, df: number): number {
  let lo = 0;
  let hi = Math.max(1, cornishFisher(normalQuantile(p), df));
  while (studentTCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
  }
  let t = Math.min(Math.max(cornishFisher(normalQuantile(p), df), lo), hi);
  for (let i = 0; i < 200; i++) {
    const f = studentTCdf(t, df) - p;
    if (f === 0) return t;
    if (f < 0) lo = t;
    else hi = t;
    let next = t - f / density(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-13 * Math.max(1, Math.abs(t))) return next;
    t = next;
  }
  return t;
}

/** t such that P(T ≤ t) = p for T ~ Student t with df > 0 (df = Infinity gives the normal quantile). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === Infinity) return normalQuantile(p);
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  if (df > 1000) return cornishFisher(normalQuantile(p), df);
  return p > 0.5 ? upperQuantile(p, df) : -upperQuantile(1 - p, df);
}
