// Offer insights: what each candidate offer (a hierarchy node) sells now, how fast that moves,
// and how well the propensity model targets it. Pure over offer-mapped lines (rank/offerLines.ts).
//
// Exact definitions (also in docs/offer-insights.md), with W = 30 days and A = asOf:
//   revenue        Σ amount of scope lines in [A − W, A)
//   revenuePrev    Σ amount of scope lines in [A − 2W, A − W)
//   velocity       (revenue − revenuePrev) / revenuePrev; null when revenuePrev = 0
//   orders         distinct (customer, timestamp) purchase occasions with a scope line in [A − W, A)
//   buyers         distinct customers with a scope line in [A − W, A)
//   aov            revenue / orders (scope revenue per order holding the scope); null when orders = 0
//   audience       customers with any purchase before A (whom a TOR at A would score)
//   scopeCustomers customers who ever bought in the scope before A
//   efficiency     backtest lift at 10 %: customers with history before A − W are ranked by the model
//                  trained and scored as of A − W; buyers = those with a scope line in [A − W, A);
//                  efficiency = (buyers among the top ⌈0.1·N⌉, ties shared) / buyers ÷ (⌈0.1·N⌉ / N).
//                  1 = no better than random, 10 = every buyer was in the top 10 %; null without buyers.
import { liftAt } from '../evaluate/rocAuc.ts';
import type { OfferLines } from '../rank/offerLines.ts';
import { DAY } from '../math/day.ts';

export const INSIGHT_WINDOW_DAYS = 30;

export interface OfferInsight {
  offer: number;
  revenue: number;
  revenuePrev: number;
  velocity: number | null;
  orders: number;
  buyers: number;
  aov: number | null;
  audience: number;
  scopeCustomers: number;
  efficiency: number | null;
}

/**
 * `lines` must be sorted by ts (occasions are runs of equal timestamps per customer). `backtest`
 * holds customers × offers row-major scores made as of asOf − W (null = efficiency not computed).
 */
export function offerInsightsFromLines(lines: OfferLines, asOf: number, backtest: Float64Array | null): OfferInsight[] {
  const nO = lines.nOffers,
    nC = lines.nCustomers,
    W = INSIGHT_WINDOW_DAYS * DAY;
  const revenue = new Float64Array(nO),
    revenuePrev = new Float64Array(nO),
    orders = new Float64Array(nO);
  const lastOcc = new Float64Array(nC * nO).fill(NaN); // ts of the last counted occasion per (c, o) in the window
  const bought = new Uint8Array(nC * nO); // bit 1 = ever before A, bit 2 = in [A − W, A)
  const histBefore = new Uint8Array(nC); // bit 1 = any line before A, bit 2 = any line before A − W
  for (let i = 0; i < lines.lineTs.length; i++) {
    const t = lines.lineTs[i];
    if (!(t < asOf)) continue;
    const c = lines.lineCust[i],
      o = lines.lineOffer[i];
    histBefore[c] |= t < asOf - W ? 3 : 1;
    if (o < 0) continue;
    const r = c * nO + o;
    bought[r] |= 1;
    if (t >= asOf - W) {
      revenue[o] += lines.lineAmount[i];
      bought[r] |= 2;
      if (lastOcc[r] !== t) {
        lastOcc[r] = t;
        orders[o]++;
      }
    } else if (t >= asOf - 2 * W) revenuePrev[o] += lines.lineAmount[i];
  }
  let audience = 0;
  const pastCustomers: number[] = [];
  for (let c = 0; c < nC; c++) {
    if (histBefore[c] & 1) audience++;
    if (histBefore[c] & 2) pastCustomers.push(c);
  }
  const out: OfferInsight[] = [];
  const s = new Float64Array(pastCustomers.length),
    y = new Uint8Array(pastCustomers.length);
  for (let o = 0; o < nO; o++) {
    let buyers = 0,
      scopeCustomers = 0;
    for (let c = 0; c < nC; c++) {
      const b = bought[c * nO + o];
      if (b & 2) buyers++;
      if (b & 1) scopeCustomers++;
    }
    let efficiency: number | null = null;
    if (backtest) {
      pastCustomers.forEach((c, k) => {
        s[k] = backtest[c * nO + o];
        y[k] = bought[c * nO + o] & 2 ? 1 : 0;
      });
      const lift = liftAt(s, y, 0.1);
      efficiency = Number.isFinite(lift) ? lift : null;
    }
    out.push({
      offer: o,
      revenue: revenue[o],
      revenuePrev: revenuePrev[o],
      velocity: revenuePrev[o] > 0 ? (revenue[o] - revenuePrev[o]) / revenuePrev[o] : null,
      orders: orders[o],
      buyers,
      aov: orders[o] > 0 ? revenue[o] / orders[o] : null,
      audience,
      scopeCustomers,
      efficiency,
    });
  }
  return out;
}
