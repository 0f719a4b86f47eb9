// Personal frequency: history lines per (customer, offer), optionally decayed by age.
import { DAY_MS, type OfferLines } from './offerLines.ts';

/**
 * nCustomers × nOffers row-major: Σ over the customer's lines in the offer of w(age), with
 * w = 1 (no half-life) or w = 2^(−age / halfLifeDays), age = (asOf − ts) in days.
 */
export function frequencyScores(x: OfferLines, halfLifeDays?: number): Float64Array {
  const out = new Float64Array(x.nCustomers * x.nOffers);
  const rate = halfLifeDays ? Math.LN2 / (halfLifeDays * DAY_MS) : 0;
  for (let i = 0; i < x.lineCust.length; i++) {
    const o = x.lineOffer[i],
      t = x.lineTs[i];
    if (o < 0 || t >= x.asOf) continue;
    out[x.lineCust[i] * x.nOffers + o] += rate ? Math.exp(-rate * (x.asOf - t)) : 1;
  }
  return out;
}
