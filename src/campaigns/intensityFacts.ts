// Facts behind the intensity warning: per (segment, offer) of a campaign, the offer's discount per
// order and the segment's average order value over the year before the first send.
import type { Offer } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import type { CampaignUnits } from './campaignUnitsFromStore.ts';
import type { WarningInput } from './campaignWarnings.ts';

/** Discount given on one order of average value `aov`: percent_off value %, amount_off value, else the cost share. */
export function discountPerOrder(offer: Offer | undefined, aov: number): number {
  if (!offer) return 0;
  if (offer.mechanism === 'percent_off' && offer.value !== null) return (offer.value / 100) * aov;
  if (offer.mechanism === 'amount_off' && offer.value !== null) return offer.value;
  return (offer.cost ?? 0) * aov;
}

export async function intensityFacts(store: Store, u: CampaignUnits, catalogue: Offer[]): Promise<WarningInput['intensity']> {
  if (!u.n) return [];
  const first = u.sentAt.reduce((m, x) => Math.min(m, x), Infinity);
  const ids: string[] = [],
    segs: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < u.n; i++)
    if (!seen.has(u.customer[i])) {
      seen.add(u.customer[i]);
      ids.push(u.customer[i]);
      segs.push(u.segment[i] || '(none)');
    }
  const t = `_intensity_cust`;
  await store.run(`CREATE OR REPLACE TEMP TABLE ${t} (customer_id VARCHAR, segment VARCHAR)`);
  try {
    await store.appendColumns(t, [ids, segs]);
    const rows = await store.all<{ segment: string; aov: number | null }>(
      `SELECT segment, sum(amount) / nullif(count(DISTINCT order_id), 0) AS aov FROM order_lines l JOIN ${t} USING (customer_id)
       WHERE l.kind = 'purchase' AND l.ts < epoch_ms(?::BIGINT) AND l.ts >= epoch_ms(?::BIGINT) - INTERVAL 365 DAY GROUP BY segment`,
      [first, first],
    );
    const all = await store.one<{ aov: number | null }>(
      `SELECT sum(amount) / nullif(count(DISTINCT order_id), 0) AS aov FROM order_lines l JOIN ${t} USING (customer_id)
       WHERE l.kind = 'purchase' AND l.ts < epoch_ms(?::BIGINT) AND l.ts >= epoch_ms(?::BIGINT) - INTERVAL 365 DAY`,
      [first, first],
    );
    const campaignAov = all?.aov ?? 0;
    const aovOf = new Map(rows.map((r) => [r.segment, r.aov ?? 0]));
    const byId = new Map(catalogue.map((o) => [o.offerId, o]));
    const offers = [...new Set(u.offer)];
    const discounts = offers.map((id) => discountPerOrder(byId.get(id), campaignAov)).sort((a, b) => a - b);
    const medianDiscount = discounts.length ? discounts[Math.floor((discounts.length - 1) / 2)] : 0;
    const treated = new Map<string, number>();
    for (let i = 0; i < u.n; i++) {
      if (!u.treated[i]) continue;
      const k = `${u.segment[i] || '(none)'}\u0000${u.offer[i]}`;
      treated.set(k, (treated.get(k) ?? 0) + 1);
    }
    return [...treated].map(([k, n]) => {
      const [segment, offer_id] = k.split('\u0000');
      const segmentAov = aovOf.get(segment) ?? 0;
      return {
        segment,
        offer_id,
        treated: n,
        discount: discountPerOrder(byId.get(offer_id), segmentAov),
        segmentAov,
        campaignAov,
        medianDiscount,
      };
    });
  } finally {
    await store.run(`DROP TABLE IF EXISTS ${t}`);
  }
}
