// Types of the treatment-vs-control comparison of an experiment (campaign contacts in two arms).
// Keys are snake_case because the report service returns them as JSON as they are.

/** Per contact (one unit per index), as attributed by the report service. */
export interface ArmComparisonInput {
  /** 1 = treatment, 0 = control. */
  treated: Uint8Array;
  /** 1 = bought anything in the attribution window. */
  converted: Uint8Array;
  /** 1 = took up the offer (bought / redeemed the offered products) in the window. */
  uptake: Uint8Array;
  /** Revenue attributed in the window (any real: returns can make it negative). */
  revenue: Float64Array;
  /** Orders attributed in the window (for average order value). */
  orders: Float64Array;
  /** 1 = no purchase in the N days after the contact. */
  churned: Uint8Array;
  /** Cost per treated contact (for ROI); null or absent = unknown. */
  cost?: number | null;
  options?: ArmComparisonOptions;
}

export interface ArmComparisonOptions {
  /** Two-sided confidence level of every interval; default 0.95. */
  confidence?: number;
  /** Bootstrap resamples for ratio statistics (AOV); default 1000, 0 = no bootstrap intervals. */
  bootstrap?: number;
  /** Seed of the bootstrap; default 1. */
  seed?: number;
}

/** Every value is null when it is undefined for the data (an empty arm, no orders, no cost). */
export interface Comparison {
  confidence: number;
  bootstrap_resamples: number;
  contacts_treatment: number;
  contacts_control: number;
  conversion_treatment: number | null;
  conversion_control: number | null;
  incremental_conversion: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p_value: number | null;
  uptake_treatment: number | null;
  uptake_control: number | null;
  incremental_uptake: number | null;
  uptake_ci_low: number | null;
  uptake_ci_high: number | null;
  uptake_p_value: number | null;
  revenue_per_contact_treatment: number | null;
  revenue_per_contact_control: number | null;
  incremental_revenue_per_contact: number | null;
  revenue_ci_low: number | null;
  revenue_ci_high: number | null;
  revenue_p_value: number | null;
  incremental_revenue: number | null;
  incremental_revenue_ci_low: number | null;
  incremental_revenue_ci_high: number | null;
  aov_treatment: number | null;
  aov_control: number | null;
  aov_difference: number | null;
  aov_ci_low: number | null;
  aov_ci_high: number | null;
  relative_lift: number | null;
  lift_ci_low: number | null;
  lift_ci_high: number | null;
  roi: number | null;
  roi_ci_low: number | null;
  roi_ci_high: number | null;
  churn_treatment: number | null;
  churn_control: number | null;
  incremental_churn: number | null;
  churn_ci_low: number | null;
  churn_ci_high: number | null;
  churn_p_value: number | null;
}
