// The playbook's guardrails as report warnings (docs/experiments.md "Warnings"). Thresholds are
// relative (to the campaign's own uptake, to the segment's own order value) or statistical (an
// interval that excludes zero), so they mean the same on any retailer's data. Pure.
import type { Comparison } from '../evaluate/experiment/armComparison.ts';
import { normalQuantile } from '../evaluate/experiment/normalQuantile.ts';
import { proportionDifference } from '../evaluate/experiment/proportionDifference.ts';
import type { SrmResult } from '../evaluate/experiment/srmCheck.ts';

export type WarningKind = 'low_uptake' | 'high_churn' | 'fatigue' | 'intensity' | 'srm' | 'small_sample';

export interface CampaignWarning {
  kind: WarningKind;
  offer_id?: string;
  segment?: string;
  message: string;
}

export interface WarningInput {
  overall: Comparison;
  srm: SrmResult | null;
  offers: (Comparison & { offer_id: string })[];
  segments: (Comparison & { segment: string })[];
  /** Per offer, treated uptake on a first contact with the offer vs on repeat contacts. */
  fatigue: { offer_id: string; firstN: number; firstUptake: number; repeatN: number; repeatUptake: number }[];
  /** Per (segment, offer): treated contacts, the offer's discount per order (percent_off: value % of the segment's
   *  average order; amount_off: value; else cost share × average order), the segment's and the campaign's average
   *  order value before the send, and the median discount over the campaign's offers. */
  intensity: {
    segment: string;
    offer_id: string;
    treated: number;
    discount: number;
    segmentAov: number;
    campaignAov: number;
    medianDiscount: number;
  }[];
  confidence: number;
}

/** Groups smaller than this are not judged: their rates are noise. */
export const MIN_GROUP = 30;
/** A segment whose uptake is under this fraction of the campaign's is flagged. */
export const LOW_UPTAKE_RATIO = 0.5;
/** An offer giving away more than this fraction of the segment's average order is flagged. */
export const MAX_INTENSITY = 0.5;
/** A segment whose average order is under this fraction of the campaign's is a low-value segment. */
export const LOW_VALUE_RATIO = 0.5;

const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)} %`);

export function campaignWarnings(x: WarningInput): CampaignWarning[] {
  const out: CampaignWarning[] = [];
  if (x.overall.contacts_control < MIN_GROUP)
    out.push({
      kind: 'small_sample',
      message: `only ${x.overall.contacts_control} control customers: intervals are wide or missing (hold out at least ${MIN_GROUP})`,
    });
  if (x.srm?.mismatch)
    out.push({
      kind: 'srm',
      message:
        `sample ratio mismatch: ${pct(x.srm.observed_control_share)} in control, ${pct(x.srm.expected_control_share)} planned ` +
        `(p = ${x.srm.p_value?.toExponential(1)}): check the assignment and the contact log before trusting the comparison`,
    });
  const base = x.overall.uptake_treatment;
  for (const s of x.segments) {
    if (s.contacts_treatment < MIN_GROUP || base === null || s.uptake_treatment === null) continue;
    if (s.uptake_treatment < LOW_UPTAKE_RATIO * base || (s.uptake_ci_high !== null && s.uptake_ci_high < 0))
      out.push({
        kind: 'low_uptake',
        segment: s.segment,
        message: `segment ${s.segment}: uptake ${pct(s.uptake_treatment)} against ${pct(base)} for the whole campaign`,
      });
  }
  for (const g of [
    ...x.offers.map((o) => ({ ...o, label: `offer ${o.offer_id}` })),
    ...x.segments.map((s) => ({ ...s, label: `segment ${s.segment}` })),
  ]) {
    if (g.churn_ci_low !== null && g.churn_ci_low > 0)
      out.push({
        kind: 'high_churn',
        ...('offer_id' in g ? { offer_id: g.offer_id } : { segment: (g as { segment: string }).segment }),
        message: `${g.label}: ${pct(g.churn_treatment)} of treated customers stopped buying against ${pct(g.churn_control)} in control`,
      });
  }
  const z = normalQuantile(1 - (1 - x.confidence) / 2);
  for (const f of x.fatigue) {
    if (f.firstN < MIN_GROUP || f.repeatN < MIN_GROUP) continue;
    const d = proportionDifference(Math.round(f.repeatUptake * f.repeatN), f.repeatN, Math.round(f.firstUptake * f.firstN), f.firstN, z);
    if (d.high !== null && d.high < 0)
      out.push({
        kind: 'fatigue',
        offer_id: f.offer_id,
        message: `offer ${f.offer_id}: uptake falls from ${pct(f.firstUptake)} on a first contact to ${pct(f.repeatUptake)} on repeat contacts`,
      });
  }
  for (const i of x.intensity) {
    if (i.treated < MIN_GROUP || !(i.segmentAov > 0) || !(i.discount > 0)) continue;
    const share = i.discount / i.segmentAov;
    // Too deep for what the segment spends, or a generous offer (at least the campaign's median discount)
    // going to a segment that spends under half the campaign's average order.
    const deep = share > MAX_INTENSITY;
    const generousToLow = i.segmentAov < LOW_VALUE_RATIO * i.campaignAov && i.discount >= i.medianDiscount && i.medianDiscount > 0;
    if (deep || generousToLow)
      out.push({
        kind: 'intensity',
        offer_id: i.offer_id,
        segment: i.segment,
        message:
          `offer ${i.offer_id} gives about ${i.discount.toFixed(2)} per order, ${(100 * share).toFixed(0)} % of the average order of ` +
          `segment ${i.segment} (${i.segmentAov.toFixed(2)}; campaign ${i.campaignAov.toFixed(2)})`,
      });
  }
  return out;
}
