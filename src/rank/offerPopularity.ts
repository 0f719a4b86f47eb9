// Offer popularity: distinct buyers of each offer's scope in the last `windowDays` of history.
// The tie-break of every offer ranking and the "popularity" baseline of B2.
import { DAY_MS, type OfferLines } from './offerLines.ts';

/** Float64Array(nOffers): number of distinct customers with a line in the offer in [asOf − windowDays, asOf). */
export function offerPopularity(x: OfferLines, windowDays = 90): Float64Array {
  const from = x.asOf - windowDays * DAY_MS;
  const seen = new Set<number>(); // key = customer * nOffers + offer
  const out = new Float64Array(x.nOffers);
  for (let i = 0; i < x.lineCust.length; i++) {
    const o = x.lineOffer[i],
      t = x.lineTs[i];
    if (o < 0 || t < from || t >= x.asOf) continue;
    const key = x.lineCust[i] * x.nOffers + o;
    if (seen.has(key)) continue;
    seen.add(key);
    out[o]++;
  }
  return out;
}

/** The same popularity for every customer: nCustomers × nOffers row-major. */
export function popularityScores(x: OfferLines, windowDays = 90): Float64Array {
  const pop = offerPopularity(x, windowDays);
  const out = new Float64Array(x.nCustomers * x.nOffers);
  for (let c = 0; c < x.nCustomers; c++) out.set(pop, c * x.nOffers);
  return out;
}
