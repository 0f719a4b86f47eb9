// A short reason for each assignment, from the customer's own history in the offer's scope.
import { DAY_MS, type OfferLines } from '../rank/offerLines.ts';

/**
 * ranked: audience.length × nOffers (best first); returns audience.length × k reasons, row-major.
 * "bought 3× in candles, last 21 days ago" or "no purchase in candles yet: popular with customers like you".
 */
export function reasonsForAssignments(x: OfferLines, audience: Int32Array, ranked: Int32Array, nOffers: number, k: number, offerNames: string[]): string[] {
  // Per (customer, offer): number of lines and last purchase time, only for audience rows.
  const row = new Int32Array(x.nCustomers).fill(-1);
  audience.forEach((c, r) => { row[c] = r; });
  const count = new Int32Array(audience.length * nOffers);
  const last = new Float64Array(audience.length * nOffers);
  for (let i = 0; i < x.lineCust.length; i++) {
    const r = row[x.lineCust[i]], o = x.lineOffer[i];
    if (r < 0 || o < 0 || x.lineTs[i] >= x.asOf) continue;
    const cell = r * nOffers + o;
    count[cell]++;
    if (x.lineTs[i] > last[cell]) last[cell] = x.lineTs[i];
  }
  const out = new Array<string>(audience.length * k);
  for (let r = 0; r < audience.length; r++) {
    for (let j = 0; j < k; j++) {
      const o = ranked[r * nOffers + j], cell = r * nOffers + o;
      out[r * k + j] = count[cell] > 0
        ? `bought ${count[cell]}× in ${offerNames[o]}, last ${Math.floor((x.asOf - last[cell]) / DAY_MS)} days ago`
        : `no purchase in ${offerNames[o]} yet: popular with customers like you`;
    }
  }
  return out;
}
