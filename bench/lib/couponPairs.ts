// (household, campaign) pairs of Complete Journey with features as of the campaign's start date
// (only events strictly before it) and the label "the household redeemed a coupon of this campaign".
// HOUSEHOLD_FEATURES describe the household alone; CAMPAIGN_FEATURES add the campaign and how much
// of the household's sampled history falls on the campaign's coupon products.
import type { Campaign, CompleteJourney } from './completeJourney.ts';

export const HOUSEHOLD_FEATURES = [
  'past_redemptions',
  'past_redeemed_campaigns',
  'past_campaigns_received',
  'past_redeem_rate',
  'days_since_redemption',
  'tx_lines',
  'tx_baskets',
  'tx_sales',
  'tx_coupon_lines',
  'days_since_tx',
  'age',
  'income',
  'homeowner',
  'married',
  'household_size',
  'kids',
  'has_demographics',
] as const;

export const CAMPAIGN_FEATURES = [
  'type_a',
  'type_c',
  'campaign_days',
  'log_coupons',
  'log_households',
  'affinity_lines',
  'affinity_share',
] as const;

export interface CouponPairs {
  households: string[];
  campaigns: Campaign[];
  y: Uint8Array;
  nRows: number;
  /** Column-major X[f·nRows + r] over HOUSEHOLD_FEATURES then CAMPAIGN_FEATURES. */
  X: Float32Array;
  names: string[];
}

/** Lower bound of a bucket such as '35-49K', 'Under 15K', '250K+', '65+', '5+' (NaN when empty). */
function lowerBound(v: string | undefined): number {
  if (!v) return NaN;
  if (v.startsWith('Under')) return 0;
  const m = /^(\d+)/.exec(v);
  return m ? Number(m[1]) : NaN;
}

/** Pairs in campaign start order (ties by id), households in file order within a campaign. */
export function couponPairs(cj: CompleteJourney): CouponPairs {
  const campaigns = [...cj.campaigns.values()].sort((a, b) => a.start - b.start || Number(a.id) - Number(b.id));
  const received = new Map<string, number[]>(); // household → start days of the campaigns it received
  for (const c of campaigns) for (const h of c.households) (received.get(h) ?? received.set(h, []).get(h)!).push(c.start);
  const households: string[] = [],
    pairCampaigns: Campaign[] = [],
    rows: number[][] = [],
    labels: number[] = [];
  for (const c of campaigns)
    for (const h of c.households) {
      const red = cj.redemptions.get(h) ?? [],
        tx = cj.transactions.get(h) ?? [],
        demo = cj.demographics.get(h);
      const before = red.filter((r) => r.day < c.start);
      const redeemedCampaigns = new Set(before.map((r) => r.campaign)).size;
      const nReceived = (received.get(h) ?? []).filter((d) => d < c.start).length;
      const lastRed = Math.max(-Infinity, ...before.map((r) => r.day));
      const txBefore = tx.filter((t) => t.day < c.start);
      const lastTx = Math.max(-Infinity, ...txBefore.map((t) => t.day));
      const onCampaign = txBefore.filter((t) => c.products.has(t.product)).length;
      const household = [
        before.length,
        redeemedCampaigns,
        nReceived,
        redeemedCampaigns / Math.max(1, nReceived),
        Number.isFinite(lastRed) ? c.start - lastRed : 999,
        txBefore.length,
        new Set(txBefore.map((t) => t.basket)).size,
        txBefore.reduce((a, t) => a + t.sales, 0),
        txBefore.filter((t) => t.coupon).length,
        Number.isFinite(lastTx) ? c.start - lastTx : 999,
        lowerBound(demo?.age),
        lowerBound(demo?.income),
        demo?.home_ownership === 'Homeowner' ? 1 : 0,
        demo?.marital_status === 'Married' ? 1 : 0,
        lowerBound(demo?.household_size),
        lowerBound(demo?.kids_count),
        demo ? 1 : 0,
      ];
      const campaign = [
        c.type === 'Type A' ? 1 : 0,
        c.type === 'Type C' ? 1 : 0,
        c.end - c.start,
        Math.log1p(c.coupons.size),
        Math.log1p(c.households.length),
        onCampaign,
        onCampaign / Math.max(1, txBefore.length),
      ];
      households.push(h);
      pairCampaigns.push(c);
      rows.push([...household, ...campaign]);
      labels.push(red.some((r) => r.campaign === c.id) ? 1 : 0);
    }
  const nRows = rows.length,
    names = [...HOUSEHOLD_FEATURES, ...CAMPAIGN_FEATURES];
  const X = new Float32Array(nRows * names.length);
  // A missing demographic is −1 (below every real bucket), which trees split on like any value.
  rows.forEach((v, r) => v.forEach((x, f) => (X[f * nRows + r] = Number.isNaN(x) ? -1 : x)));
  return { households, campaigns: pairCampaigns, y: Uint8Array.from(labels), nRows, X, names };
}
