// One pass over purchase lines before asOf, accumulating the per-(customer, offer), per-(customer,
// ancestor), per-customer and per-offer statistics that offerFeatures.ts turns into columns. Pure.
import type { OfferLines } from '../rank/offerLines.ts';

/**
 * History lines mapped to offers (rank/offerLines.ts) plus the hierarchy level above the offers.
 * Lines must be sorted by ts ascending: lines of one order share a timestamp, so a purchase
 * occasion ("order") is a run of equal timestamps of a customer. `asOf` is not used here: the
 * feature builder takes its own cut time.
 */
export interface PropensityLines extends OfferLines {
  /** Number of ancestor nodes (codes 0..nAncestors-1); 0 = no hierarchy above the offers. */
  nAncestors: number;
  /** Per line: ancestor node of the line's product (e.g. its department), -1 when unknown. */
  lineAncestor: Int32Array;
  /** Per offer: the ancestor node of the offer's scope, -1 when none. */
  offerAncestor: Int32Array;
}

/** Events on an offer's scope by a customer; type 0 = view, 1 = cart add. */
export interface OfferEvents { cust: Int32Array; offer: Int32Array; ts: Float64Array; type: Uint8Array }
/** Past contacts (or responses) of a customer with an offer. */
export interface OfferTouches { cust: Int32Array; offer: Int32Array; ts: Float64Array }
export interface OfferExtras { events?: OfferEvents; contacts?: OfferTouches; responses?: OfferTouches }

const DAY = 86_400_000;
/** Smoothing of the offer seasonal index, in lines of pseudo-count at the offer's overall share. */
const SEASON_PRIOR_LINES = 200;

export function offerBuyerStats(L: PropensityLines, asOf: number, horizonDays: number, extras: OfferExtras) {
  const nC = L.nCustomers, nO = L.nOffers, nA = L.nAncestors, nR = nC * nO;
  const sOrders = new Float64Array(nR), sLines = new Float64Array(nR), sSpend = new Float64Array(nR);
  const sOrders30 = new Float64Array(nR), sOrders90 = new Float64Array(nR), sDecay = new Float64Array(nR);
  const sSeason = new Float64Array(nR);
  const sFirst = new Float64Array(nR).fill(Infinity), sLast = new Float64Array(nR).fill(-Infinity);
  const sLastOrder = new Float64Array(nR).fill(NaN);
  // Bit flags per row: 1 = bought in [asOf−30d, asOf), 2 = in [asOf−60d, asOf−30d), 4 = in last 90 d, 8 = in [−180, −90).
  const sWin = new Uint8Array(nR);
  const aOrders = new Float64Array(nC * nA), aSpend = new Float64Array(nC * nA);
  const aLast = new Float64Array(nC * nA).fill(-Infinity), aLastOrder = new Float64Array(nC * nA).fill(NaN);
  const cOrders = new Float64Array(nC), cSpend = new Float64Array(nC), cOrders30 = new Float64Array(nC), cOrders90 = new Float64Array(nC);
  const cSeason = new Float64Array(nC), cScopes = new Float64Array(nC), cOrders180 = new Float64Array(nC);
  // Per customer: bit m set when it ordered in the m-th 30-day block before asOf (m < 30), for cActiveMonths.
  const cMonths = new Uint32Array(nC);
  const cFirst = new Float64Array(nC).fill(Infinity), cLast = new Float64Array(nC).fill(-Infinity);
  const cLastOrder = new Float64Array(nC).fill(NaN); // ts of the last occasion seen
  // Last-year window: the predicted period one year earlier, widened by 30 days before it.
  const seasonFrom = asOf - (365 + 30) * DAY, seasonTo = Math.min(asOf, asOf - (365 - horizonDays) * DAY);
  const oLinesAll = new Float64Array(nO), oLinesSeason = new Float64Array(nO);
  let linesAll = 0, linesSeason = 0;
  const decayRate = Math.LN2 / (60 * DAY); // scope_decayed: Σ_orders 2^(−age/60d)

  for (let i = 0; i < L.lineTs.length; i++) {
    const t = L.lineTs[i];
    if (!(t < asOf)) continue; // the leakage guard: nothing at or after the cut is read
    const c = L.lineCust[i], o = L.lineOffer[i], a = nA > 0 ? L.lineAncestor[i] : -1, ord = t, amt = L.lineAmount[i];
    const age = asOf - t;
    const inSeason = t >= seasonFrom && t < seasonTo;
    linesAll++;
    if (inSeason) linesSeason++;
    const newOrder = cLastOrder[c] !== ord;
    if (newOrder) {
      cLastOrder[c] = ord; cOrders[c]++;
      if (age <= 30 * DAY) cOrders30[c]++;
      if (age <= 90 * DAY) cOrders90[c]++;
      if (age <= 180 * DAY) cOrders180[c]++;
      if (age < 30 * 30 * DAY) cMonths[c] |= 1 << Math.floor(age / (30 * DAY));
      if (inSeason) cSeason[c]++;
    }
    cSpend[c] += amt;
    if (t < cFirst[c]) cFirst[c] = t;
    if (t > cLast[c]) cLast[c] = t;
    if (a >= 0) {
      const k = c * nA + a;
      if (aLastOrder[k] !== ord) { aLastOrder[k] = ord; aOrders[k]++; }
      aSpend[k] += amt;
      if (t > aLast[k]) aLast[k] = t;
    }
    if (o < 0) continue;
    oLinesAll[o]++;
    if (inSeason) oLinesSeason[o]++;
    const r = c * nO + o;
    if (sOrders[r] === 0) cScopes[c]++;
    if (sLastOrder[r] !== ord) {
      sLastOrder[r] = ord; sOrders[r]++;
      if (age <= 30 * DAY) sOrders30[r]++;
      if (age <= 90 * DAY) sOrders90[r]++;
      if (inSeason) sSeason[r]++;
      sDecay[r] += Math.exp(-decayRate * age);
    }
    sLines[r]++;
    sSpend[r] += amt;
    if (t < sFirst[r]) sFirst[r] = t;
    if (t > sLast[r]) sLast[r] = t;
    sWin[r] |= age <= 30 * DAY ? 1 : age <= 60 * DAY ? 2 : 0;
    sWin[r] |= age <= 90 * DAY ? 4 : age <= 180 * DAY ? 8 : 0;
  }

  // Offer popularity: distinct buyers per window; trend = log((b_recent+1)/(b_previous+1)).
  const b = [0, 1, 2, 3].map(() => new Float64Array(nO));
  for (let r = 0; r < nR; r++) for (let bit = 0; bit < 4; bit++) if (sWin[r] & (1 << bit)) b[bit][r % nO]++;
  let active90 = 0;
  for (let c = 0; c < nC; c++) if (cOrders90[c] > 0) active90++;
  const oShare90 = new Float64Array(nO), oTrend30 = new Float64Array(nO), oTrend90 = new Float64Array(nO), oSeason = new Float64Array(nO);
  for (let o = 0; o < nO; o++) {
    oShare90[o] = active90 > 0 ? b[2][o] / active90 : 0;
    oTrend30[o] = Math.log((b[0][o] + 1) / (b[1][o] + 1));
    oTrend90[o] = Math.log((b[2][o] + 1) / (b[3][o] + 1));
    // Seasonal index = log( smoothed share of the offer in last year's window / its overall share ); 0 = no signal.
    const p = linesAll > 0 ? oLinesAll[o] / linesAll : 0;
    oSeason[o] = p > 0 ? Math.log((oLinesSeason[o] + SEASON_PRIOR_LINES * p) / (linesSeason + SEASON_PRIOR_LINES) / p) : 0;
  }

  // Collaborative: cos(o',o) = n(o' ∧ o) / √(n(o')·n(o)) over buyers; collab(c,o) = Σ_{o'≠o} share(c,o')·cos(o',o),
  // share(c,o') = orders of c in o' / orders of c over all offers.
  const co = new Float64Array(nO * nO);
  const bought: number[] = [];
  for (let c = 0; c < nC; c++) {
    bought.length = 0;
    for (let o = 0; o < nO; o++) if (sOrders[c * nO + o] > 0) bought.push(o);
    for (const x of bought) for (const y of bought) co[x * nO + y]++;
  }
  const collab = new Float64Array(nR);
  for (let c = 0; c < nC; c++) {
    let tot = 0;
    for (let o = 0; o < nO; o++) tot += sOrders[c * nO + o];
    if (tot === 0) continue;
    for (let o = 0; o < nO; o++) {
      let acc = 0;
      for (let q = 0; q < nO; q++) {
        const w = sOrders[c * nO + q];
        if (q === o || w === 0) continue;
        const den = Math.sqrt(co[q * nO + q] * co[o * nO + o]);
        if (den > 0) acc += (w / tot) * (co[q * nO + o] / den);
      }
      collab[c * nO + o] = acc;
    }
  }

  // Rank of the scope among the customer's scopes by lines (1 = most bought; ties by spend, then
  // offer index); nO + 1 when never bought. Ranking offers per customer is what the TOR does.
  const sRank = new Float64Array(nR).fill(nO + 1);
  const order: number[] = [];
  for (let c = 0; c < nC; c++) {
    order.length = 0;
    for (let o = 0; o < nO; o++) if (sLines[c * nO + o] > 0) order.push(o);
    order.sort((a, b) => sLines[c * nO + b] - sLines[c * nO + a] || sSpend[c * nO + b] - sSpend[c * nO + a] || a - b);
    order.forEach((o, k) => { sRank[c * nO + o] = k + 1; });
  }

  const touches = (x: OfferTouches | undefined, from: number) => {
    if (!x) return undefined;
    const out = new Float64Array(nR);
    for (let i = 0; i < x.ts.length; i++) if (x.ts[i] < asOf && x.ts[i] >= from && x.offer[i] >= 0) out[x.cust[i] * nO + x.offer[i]]++;
    return out;
  };
  const ev = extras.events;
  const evOf = (type: number) => {
    if (!ev) return undefined;
    const out = new Float64Array(nR);
    for (let i = 0; i < ev.ts.length; i++) {
      if (ev.type[i] === type && ev.ts[i] < asOf && ev.ts[i] >= asOf - 30 * DAY && ev.offer[i] >= 0) out[ev.cust[i] * nO + ev.offer[i]]++;
    }
    return out;
  };
  const cActiveMonths = new Float64Array(nC);
  for (let c = 0; c < nC; c++) { let m = cMonths[c], k = 0; while (m) { k += m & 1; m >>>= 1; } cActiveMonths[c] = k; }
  return {
    nA, cOrders180, cActiveMonths, sOrders, sLines, sRank, sSpend, sOrders30, sOrders90, sDecay, sSeason, sFirst, sLast,
    aOrders, aSpend, aLast, cOrders, cSpend, cOrders30, cOrders90, cSeason, cScopes, cFirst, cLast,
    oShare90, oTrend30, oTrend90, oSeason, collab,
    eViews: evOf(0), eCarts: evOf(1),
    kContacts: touches(extras.contacts, -Infinity), kResponses: touches(extras.responses, -Infinity),
  };
}
