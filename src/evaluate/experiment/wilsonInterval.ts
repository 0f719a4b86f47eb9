// Wilson (1927) score interval for one binomial proportion, without continuity correction:
// the set of p whose score test |p̂ − p| / √(p(1−p)/n) ≤ z, i.e.
//   (2x + z² ± z·√(z² + 4x(1 − x/n))) / (2(n + z²)).
// Unlike Wald it never leaves [0, 1] and stays informative at x = 0 — the case of rare conversions.

export interface Interval {
  low: number;
  high: number;
}

/** Wilson interval for x successes in n trials at normal quantile z; null when n = 0. */
export function wilsonInterval(x: number, n: number, z: number): Interval | null {
  if (n <= 0) return null;
  if (x < 0 || x > n) throw new RangeError(`wilsonInterval: ${x} successes out of ${n}`);
  const z2 = z * z;
  const centre = 2 * x + z2;
  const half = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
  const den = 2 * (n + z2);
  // Clamp: at x = 0 or x = n the bound is exactly 0 or 1 but rounding can leave ±1e-17.
  return { low: Math.max(0, (centre - half) / den), high: Math.min(1, (centre + half) / den) };
}
