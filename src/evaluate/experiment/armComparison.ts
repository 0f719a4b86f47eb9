// Treatment vs control for one experiment: per-contact outcome arrays in, every comparison the
// report shows out, each with its interval at the chosen confidence. Methods (docs/statistics.md):
// proportions — Newcombe hybrid score interval + pooled z-test; means — Welch; relative lift —
// Katz log (delta-method) interval; AOV (a ratio) — seeded percentile bootstrap within each arm;
// ROI — a linear map of the revenue interval, since the cost per contact is known, not estimated.

import { armSummaries } from './armSummaries.ts';
import type { ArmComparisonInput, Comparison } from './comparison.ts';
import { normalQuantile } from './normalQuantile.ts';
import { proportionDifference } from './proportionDifference.ts';
import { ratioDifferenceBootstrap } from './ratioDifferenceBootstrap.ts';
import { relativeLift } from './relativeLift.ts';
import { welchDifference } from './welchDifference.ts';

export type { ArmComparisonInput, ArmComparisonOptions, Comparison } from './comparison.ts';

const times = (x: number | null, k: number): number | null => (x === null ? null : x * k);

/** Compares the treatment arm (treated = 1) with the control arm (treated = 0). */
export function armComparison(input: ArmComparisonInput): Comparison {
  const confidence = input.options?.confidence ?? 0.95;
  const resamples = input.options?.bootstrap ?? 1000;
  const seed = input.options?.seed ?? 1;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`armComparison: confidence ${confidence} must be in (0, 1)`);
  if (!(Number.isInteger(resamples) && resamples >= 0))
    throw new RangeError(`armComparison: bootstrap ${resamples} must be a whole number ≥ 0`);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const [c, t] = armSummaries(input);

  const conv = proportionDifference(t.converted, t.n, c.converted, c.n, z);
  const upt = proportionDifference(t.uptake, t.n, c.uptake, c.n, z);
  const churn = proportionDifference(t.churned, t.n, c.churned, c.n, z);
  const lift = relativeLift(t.converted, t.n, c.converted, c.n, z);
  const rev = welchDifference(t.revenue, c.revenue, confidence);

  const aovT = t.ordersSum > 0 ? t.revenueSum / t.ordersSum : null;
  const aovC = c.ordersSum > 0 ? c.revenueSum / c.ordersSum : null;
  const aovCi = aovT !== null && aovC !== null ? ratioDifferenceBootstrap(t.aovRows, c.aovRows, resamples, seed, confidence) : null;

  // ROI = (incremental revenue − cost·n_t) / (cost·n_t) = Δrevenue-per-contact / cost − 1: monotone
  // in Δ, so the Welch bounds map straight onto ROI bounds.
  const cost = input.cost ?? null;
  const roiOf = (x: number | null) => (cost !== null && cost > 0 && x !== null ? x / cost - 1 : null);

  return {
    confidence,
    bootstrap_resamples: resamples,
    contacts_treatment: t.n,
    contacts_control: c.n,
    conversion_treatment: conv.p1,
    conversion_control: conv.p2,
    incremental_conversion: conv.diff,
    ci_low: conv.low,
    ci_high: conv.high,
    p_value: conv.p_value,
    uptake_treatment: upt.p1,
    uptake_control: upt.p2,
    incremental_uptake: upt.diff,
    uptake_ci_low: upt.low,
    uptake_ci_high: upt.high,
    uptake_p_value: upt.p_value,
    revenue_per_contact_treatment: t.n > 0 ? t.revenue.mean : null,
    revenue_per_contact_control: c.n > 0 ? c.revenue.mean : null,
    incremental_revenue_per_contact: rev.diff,
    revenue_ci_low: rev.low,
    revenue_ci_high: rev.high,
    revenue_p_value: rev.p_value,
    incremental_revenue: times(rev.diff, t.n),
    incremental_revenue_ci_low: times(rev.low, t.n),
    incremental_revenue_ci_high: times(rev.high, t.n),
    aov_treatment: aovT,
    aov_control: aovC,
    aov_difference: aovT !== null && aovC !== null ? aovT - aovC : null,
    aov_ci_low: aovCi?.low ?? null,
    aov_ci_high: aovCi?.high ?? null,
    relative_lift: lift.lift,
    lift_ci_low: lift.low,
    lift_ci_high: lift.high,
    roi: roiOf(rev.diff),
    roi_ci_low: roiOf(rev.low),
    roi_ci_high: roiOf(rev.high),
    churn_treatment: churn.p1,
    churn_control: churn.p2,
    incremental_churn: churn.diff,
    churn_ci_low: churn.low,
    churn_ci_high: churn.high,
    churn_p_value: churn.p_value,
  };
}
