// Per (audience row, promotion) history in scope, pure: distinct purchase days, days since the
// last one, and the expected spend if the customer buys (rank/expectedSpendInScope.ts, as the TOR's
// revenue objective computes it).
import { DAY_MS, type OfferLines } from '../rank/offerLines.ts';
import { expectedSpendInScope } from '../rank/expectedSpendInScope.ts';

export interface ScopeHistory {
  /** rows × nOffers: distinct days with a purchase in scope. */
  days: Float64Array;
  /** rows × nOffers: days since the last purchase in scope (NaN = never). */
  daysSince: Float64Array;
  /** rows × nOffers: expected spend in scope given a purchase. */
  spend: Float64Array;
}

export function scopeHistory(x: OfferLines, audience: Int32Array): ScopeHistory {
  const m = x.nOffers,
    n = audience.length,
    rowOf = new Int32Array(x.nCustomers).fill(-1);
  audience.forEach((c, r) => {
    rowOf[c] = r;
  });
  const days = new Float64Array(n * m),
    last = new Float64Array(n * m).fill(-Infinity);
  const spent = new Float64Array(n * m),
    lastDay = new Float64Array(n * m).fill(NaN);
  for (let i = 0; i < x.lineCust.length; i++) {
    const r = rowOf[x.lineCust[i]],
      o = x.lineOffer[i],
      t = x.lineTs[i];
    if (r < 0 || o < 0 || t >= x.asOf) continue;
    const cell = r * m + o,
      day = Math.floor(t / DAY_MS);
    if (day !== lastDay[cell]) {
      days[cell]++;
      lastDay[cell] = day;
    } // lines are time-sorted
    if (t > last[cell]) last[cell] = t;
    spent[cell] += x.lineAmount[i];
  }
  const spend = expectedSpendInScope(days, spent, n, m),
    daysSince = new Float64Array(n * m);
  for (let c = 0; c < n * m; c++) daysSince[c] = days[c] > 0 ? (x.asOf - last[c]) / DAY_MS : NaN;
  return { days, daysSince, spend };
}
