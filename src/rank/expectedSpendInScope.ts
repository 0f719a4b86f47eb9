// Expected spend in an offer's scope if the customer buys there, pure: their spend per purchase day
// in scope, shrunk toward the scope's typical buyer with one pseudo-day,
//   s(r, o) = (min(spend, cap_o · days) + μ_o) / (days + 1)
// where μ_o is the MEDIAN spend per purchase day over the scope's buyers and cap_o its 99th
// percentile. Robust statistics on purpose: one wholesale order (Online Retail's 80,995 paper crafts,
// later cancelled) must not make a scope look worth £1,700 to every customer who never bought it.
// Shapes: days and spend are rows × m (row-major), as in the TOR's and the promotions' scope history.
import { kthSmallest } from '../math/quickselect.ts';

export function expectedSpendInScope(days: Float64Array, spend: Float64Array, nRows: number, m: number): Float64Array {
  const mu = new Float64Array(m),
    cap = new Float64Array(m).fill(Infinity);
  for (let o = 0; o < m; o++) {
    const perDay: number[] = [];
    for (let r = 0; r < nRows; r++) {
      const c = r * m + o;
      if (days[c] > 0) perDay.push(spend[c] / days[c]);
    }
    if (perDay.length === 0) continue;
    const v = Float64Array.from(perDay);
    mu[o] = kthSmallest(v, (v.length - 1) >> 1);
    cap[o] = kthSmallest(v, Math.min(v.length - 1, Math.floor(0.99 * v.length)));
  }
  const s = new Float64Array(nRows * m);
  for (let r = 0; r < nRows; r++) {
    for (let o = 0; o < m; o++) {
      const c = r * m + o,
        own = days[c] > 0 ? Math.min(spend[c], cap[o] * days[c]) : 0;
      s[c] = (own + mu[o]) / (days[c] + 1);
    }
  }
  return s;
}
