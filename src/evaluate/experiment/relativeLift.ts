// Relative lift of a proportion, p₁/p₂ − 1, with the Katz log interval for the risk ratio
// (delta method on log(p₁/p₂)):
//   Var[log(p̂₁/p̂₂)] ≈ (1 − p₁)/(n₁p₁) + (1 − p₂)/(n₂p₂),
//   CI = exp(log(p̂₁/p̂₂) ± z·√Var) − 1.
// Working on the log scale keeps the interval asymmetric and above −100 %. Undefined (null) when a
// rate is 0: the ratio or its log does not exist (with p₁ = 0 the lift is −1 but has no interval).

export interface Lift {
  lift: number | null;
  low: number | null;
  high: number | null;
}

/** Relative lift (x1/n1)/(x2/n2) − 1 and its delta-method interval at normal quantile z. */
export function relativeLift(x1: number, n1: number, x2: number, n2: number, z: number): Lift {
  if (n1 <= 0 || n2 <= 0 || x2 <= 0) return { lift: null, low: null, high: null };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  if (x1 <= 0) return { lift: -1, low: null, high: null };
  const logRatio = Math.log(p1 / p2);
  const se = Math.sqrt((1 - p1) / x1 + (1 - p2) / x2); // (1−p)/(n·p) = (1−p)/x
  return { lift: p1 / p2 - 1, low: Math.exp(logRatio - z * se) - 1, high: Math.exp(logRatio + z * se) - 1 };
}
