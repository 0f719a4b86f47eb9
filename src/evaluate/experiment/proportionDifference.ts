// Difference of two independent proportions p₁ − p₂ (treatment minus control).
// Interval: Newcombe's (1998) hybrid score interval, method 10 — the Wilson intervals (l_i, u_i) of
// each arm combined as
//   L = δ − √((p₁ − l₁)² + (u₂ − p₂)²),   U = δ + √((u₁ − p₁)² + (p₂ − l₂)²).
// Chosen over Wald because conversions are rare (1–5 %): Wald's variance p(1−p)/n collapses near 0
// and under-covers, while the score interval keeps close to nominal coverage (Newcombe 1998, Table I).
// p-value: the pooled two-proportion z-test, z = δ / √(p̄(1−p̄)(1/n₁ + 1/n₂)), two-sided.

import { normalCdf } from './normalCdf.ts';
import { wilsonInterval } from './wilsonInterval.ts';

export interface ProportionDifference {
  p1: number | null;
  p2: number | null;
  diff: number | null;
  low: number | null;
  high: number | null;
  p_value: number | null;
}

/** Newcombe interval and pooled z-test for x1/n1 − x2/n2 at normal quantile z. */
export function proportionDifference(x1: number, n1: number, x2: number, n2: number, z: number): ProportionDifference {
  const p1 = n1 > 0 ? x1 / n1 : null;
  const p2 = n2 > 0 ? x2 / n2 : null;
  const w1 = wilsonInterval(x1, n1, z);
  const w2 = wilsonInterval(x2, n2, z);
  if (p1 === null || p2 === null || !w1 || !w2) return { p1, p2, diff: null, low: null, high: null, p_value: null };
  const diff = p1 - p2;
  const low = diff - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2);
  const high = diff + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2);
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  // All-zero or all-one outcomes: no variation, so no evidence of a difference (δ is 0 then).
  const pValue = se > 0 ? 2 * normalCdf(-Math.abs(diff) / se) : 1;
  return { p1, p2, diff, low, high, p_value: pValue };
}
