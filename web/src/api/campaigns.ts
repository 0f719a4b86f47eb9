// Campaigns over the /v1 API: the list of campaigns with their arm sizes (GET /v1/campaigns) and one
// campaign's report (GET /v1/campaigns/{id}/report): treatment vs control with confidence intervals,
// overall and per offer / segment / priority, the timeline, warnings and notes. The keys are the
// server's (snake_case); every figure may be null (an empty arm, no cost, no order).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get } from './client.ts';

export type CampaignKind = 'tor' | 'rule' | 'import';
export type Attribution = 'last' | 'first';

export interface CampaignItem {
  id: string;
  kind: CampaignKind;
  name: string;
  experiment: string | null;
  control_pct: number | null;
  contacts_treatment: number;
  contacts_control: number;
  first_sent: string | null;
  last_sent: string | null;
}

type N = number | null;

export interface Comparison {
  contacts_treatment: number;
  contacts_control: number;
  conversion_treatment: N;
  conversion_control: N;
  incremental_conversion: N;
  ci_low: N;
  ci_high: N;
  p_value: N;
  uptake_treatment: N;
  uptake_control: N;
  incremental_uptake: N;
  uptake_ci_low: N;
  uptake_ci_high: N;
  revenue_per_contact_treatment: N;
  revenue_per_contact_control: N;
  incremental_revenue_per_contact: N;
  revenue_ci_low: N;
  revenue_ci_high: N;
  incremental_revenue: N;
  incremental_revenue_ci_low: N;
  incremental_revenue_ci_high: N;
  aov_treatment: N;
  aov_control: N;
  relative_lift: N;
  lift_ci_low: N;
  lift_ci_high: N;
  roi: N;
  roi_ci_low: N;
  roi_ci_high: N;
  churn_treatment: N;
  churn_control: N;
  incremental_churn: N;
  churn_ci_low: N;
  churn_ci_high: N;
}

export type OfferComparison = Comparison & {
  offer_id: string;
  offer_name: string;
  cost: N;
  p_adjusted: N;
  significant: boolean;
};
export type SegmentComparison = Comparison & { segment: string };
export type PriorityComparison = Comparison & { priority: number };

export interface TimelinePoint {
  /** Days since the send. */
  day: number;
  date: string;
  treatment_revenue_per_contact: N;
  control_revenue_per_contact: N;
  cumulative_incremental_revenue: N;
  ci_low: N;
  ci_high: N;
}

export type WarningKind = 'low_uptake' | 'high_churn' | 'fatigue' | 'intensity' | 'srm' | 'small_sample';

export interface CampaignWarning {
  kind: WarningKind;
  offer_id?: string;
  segment?: string;
  message: string;
}

export interface SampleRatioCheck {
  expected_control_share: number;
  observed_control_share: number | null;
  chi_square: number | null;
  p_value: number | null;
  mismatch: boolean;
}

export interface CampaignReport {
  campaign: Omit<CampaignItem, 'contacts_treatment' | 'contacts_control'>;
  settings: {
    window_days: number;
    attribution: Attribution;
    churn_days: number;
    confidence: number;
    correction: string;
    uptake_source: 'responses' | 'purchases';
  };
  srm: SampleRatioCheck | null;
  overall: Comparison;
  offers: OfferComparison[];
  /** Per customer segment at the send; '(none)' gathers contacts recorded without one (e.g. imported files). */
  segments: SegmentComparison[];
  priorities: PriorityComparison[];
  timeline: TimelinePoint[];
  warnings: CampaignWarning[];
  notes: string[];
}

/**
 * How a report is read: the attribution window ('14d'), first or last touch, the churn horizon in
 * days, and the planned control share (percent) that the sample-ratio check of a campaign that
 * does not record one (an imported file) compares the arms with.
 */
export interface ReportSettings {
  window: string;
  attribution: Attribution;
  churnDays: number;
  controlPct: number | null;
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = { window: '14d', attribution: 'last', churnDays: 60, controlPct: null };

export function useCampaigns() {
  return useQuery({
    queryKey: ['campaigns', 'list'],
    queryFn: ({ signal }) => get<{ campaigns: CampaignItem[] }>('/v1/campaigns', undefined, signal),
  });
}

export function useCampaignReport(id: string, s: ReportSettings) {
  return useQuery({
    queryKey: ['campaigns', 'report', id, s.window, s.attribution, s.churnDays, s.controlPct],
    // A changed setting keeps the previous report on screen until the new one answers.
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: ({ signal }) =>
      get<CampaignReport>(
        `/v1/campaigns/${encodeURIComponent(id)}/report`,
        // The server reads the churn horizon as a window ('60d'), like the attribution window.
        { window: s.window, attribution: s.attribution, churnDays: `${s.churnDays}d`, expectedControlPct: s.controlPct },
        signal,
      ),
  });
}
