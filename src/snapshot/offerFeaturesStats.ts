// One pass over the lines before asOf of the customers asked for, accumulating the per-(customer,
// offer), per-(customer, ancestor) and per-customer statistics that offerFeatures.ts turns into
// columns; offer-level ones come from offerFeaturesOffer.ts (all customers). Pure.
import { affinityFromParts, conditionalFromCoBuyers, DEFAULT_AFFINITY_CONFIG } from '../rank/affinityScores.ts';
import type { OfferLines } from '../rank/offerLines.ts';
import type { CustomerLineIndex } from './offerFeaturesIndex.ts';
import type { OfferLevelStats } from './offerFeaturesOffer.ts';
import { DAY } from '../math/day.ts';

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
export interface OfferEvents {
  cust: Int32Array;
  offer: Int32Array;
  ts: Float64Array;
  type: Uint8Array;
}
/** Past contacts (or responses) of a customer with an offer. */
export interface OfferTouches {
  cust: Int32Array;
  offer: Int32Array;
  ts: Float64Array;
}
export interface OfferExtras {
  events?: OfferEvents;
  contacts?: OfferTouches;
  responses?: OfferTouches;
}

/**
 * Statistics of `customers` (global indices; position k of the output = customers[k]) at `off.asOf`.
 * Per-row arrays are nK × nO row-major (r = k·nO + o), per-customer arrays have length nK.
 * `aff` is the affinity baseline's score (rank/affinityScores.ts, same formula and defaults), with
 * its co-purchase and popularity terms taken from the all-customer `off`.
 */
export function offerBuyerStats(
  L: PropensityLines,
  index: CustomerLineIndex,
  customers: Int32Array,
  off: OfferLevelStats,
  extras: OfferExtras,
) {
  const { asOf, horizonDays } = off;
  const nK = customers.length,
    nO = L.nOffers,
    nA = L.nAncestors,
    nR = nK * nO;
  const sOrders = new Float64Array(nR),
    sLines = new Float64Array(nR),
    sSpend = new Float64Array(nR);
  const sOrders30 = new Float64Array(nR),
    sOrders90 = new Float64Array(nR),
    sDecay = new Float64Array(nR);
  const sSeason = new Float64Array(nR);
  const sFirst = new Float64Array(nR).fill(Infinity),
    sLast = new Float64Array(nR).fill(-Infinity);
  const sLastOrder = new Float64Array(nO); // per offer of the current customer: ts of its last occasion
  const aOrders = new Float64Array(nK * nA),
    aSpend = new Float64Array(nK * nA),
    aLast = new Float64Array(nK * nA).fill(-Infinity);
  const aLastOrder = new Float64Array(Math.max(1, nA));
  const cOrders = new Float64Array(nK),
    cSpend = new Float64Array(nK),
    cOrders30 = new Float64Array(nK),
    cOrders90 = new Float64Array(nK);
  const cSeason = new Float64Array(nK),
    cScopes = new Float64Array(nK),
    cOrders180 = new Float64Array(nK),
    cActiveMonths = new Float64Array(nK);
  const cFirst = new Float64Array(nK).fill(Infinity),
    cLast = new Float64Array(nK).fill(-Infinity);
  // Last-year window: the predicted period one year earlier, widened by 30 days before it.
  const seasonFrom = asOf - (365 + 30) * DAY,
    seasonTo = Math.min(asOf, asOf - (365 - horizonDays) * DAY);
  const decayRate = Math.LN2 / (60 * DAY); // scope_decayed: Σ_orders 2^(−age/60d)
  // Affinity baseline: F = Σ day-occasions 2^(−age/halfLife), S = occasions in [asOf − 365 d, + seasonDays).
  const ac = DEFAULT_AFFINITY_CONFIG;
  const affRate = ac.halfLifeDays > 0 ? Math.LN2 / ac.halfLifeDays : 0;
  const affFrom = asOf - 365 * DAY,
    affTo = affFrom + ac.seasonDays * DAY;
  const F = new Float64Array(nR),
    S = new Float64Array(nR),
    lastDay = new Int32Array(nO);

  for (let k = 0; k < nK; k++) {
    const c = customers[k];
    let lastOrder = NaN,
      months = 0; // months: bit m set when the customer ordered in the m-th 30-day block before asOf (m < 30)
    sLastOrder.fill(NaN);
    aLastOrder.fill(NaN);
    lastDay.fill(-1);
    for (let j = index.start[c]; j < index.start[c + 1]; j++) {
      const t = index.ts[j];
      if (!(t < asOf)) break; // the leakage guard: nothing at or after the cut is read (lines in ts order)
      const o = index.offer[j],
        a = nA > 0 ? index.ancestor[j] : -1,
        ord = t,
        amt = index.amount[j];
      const age = asOf - t;
      const inSeason = t >= seasonFrom && t < seasonTo;
      if (lastOrder !== ord) {
        lastOrder = ord;
        cOrders[k]++;
        if (age <= 30 * DAY) cOrders30[k]++;
        if (age <= 90 * DAY) cOrders90[k]++;
        if (age <= 180 * DAY) cOrders180[k]++;
        if (age < 30 * 30 * DAY) months |= 1 << Math.floor(age / (30 * DAY));
        if (inSeason) cSeason[k]++;
      }
      cSpend[k] += amt;
      if (t < cFirst[k]) cFirst[k] = t;
      if (t > cLast[k]) cLast[k] = t;
      if (a >= 0) {
        const q = k * nA + a;
        if (aLastOrder[a] !== ord) {
          aLastOrder[a] = ord;
          aOrders[q]++;
        }
        aSpend[q] += amt;
        if (t > aLast[q]) aLast[q] = t;
      }
      if (o < 0) continue;
      const r = k * nO + o;
      if (sOrders[r] === 0) cScopes[k]++;
      if (sLastOrder[o] !== ord) {
        sLastOrder[o] = ord;
        sOrders[r]++;
        if (age <= 30 * DAY) sOrders30[r]++;
        if (age <= 90 * DAY) sOrders90[r]++;
        if (inSeason) sSeason[r]++;
        sDecay[r] += Math.exp(-decayRate * age);
      }
      sLines[r]++;
      sSpend[r] += amt;
      if (t < sFirst[r]) sFirst[r] = t;
      if (t > sLast[r]) sLast[r] = t;
      const day = Math.floor(t / DAY);
      if (lastDay[o] !== day) {
        lastDay[o] = day;
        F[r] += Math.exp(-affRate * ((asOf - t) / DAY));
        if (t >= affFrom && t < affTo) S[r] += 1;
      }
    }
    let m = months,
      n = 0;
    while (m) {
      n += m & 1;
      m >>>= 1;
    }
    cActiveMonths[k] = n;
  }

  // Collaborative: cos(o',o) = n(o' ∧ o) / √(n(o')·n(o)) over all buyers; collab(c,o) = Σ_{o'≠o} share(c,o')·cos(o',o),
  // share(c,o') = orders of c in o' / orders of c over all offers.
  const co = off.coBuyers;
  const collab = new Float64Array(nR);
  for (let k = 0; k < nK; k++) {
    let tot = 0;
    for (let o = 0; o < nO; o++) tot += sOrders[k * nO + o];
    if (tot === 0) continue;
    for (let o = 0; o < nO; o++) {
      let acc = 0;
      for (let q = 0; q < nO; q++) {
        const w = sOrders[k * nO + q];
        if (q === o || w === 0) continue;
        const den = Math.sqrt(co[q * nO + q] * co[o * nO + o]);
        if (den > 0) acc += (w / tot) * (co[q * nO + o] / den);
      }
      collab[k * nO + o] = acc;
    }
  }
  const aff = affinityFrom(F, S, off, nK, nO);

  // Rank of the scope among the customer's scopes by lines (1 = most bought; ties by spend, then
  // offer index); nO + 1 when never bought. Ranking offers per customer is what the TOR does.
  const sRank = new Float64Array(nR).fill(nO + 1);
  const order: number[] = [];
  for (let k = 0; k < nK; k++) {
    order.length = 0;
    for (let o = 0; o < nO; o++) if (sLines[k * nO + o] > 0) order.push(o);
    order.sort((a, b) => sLines[k * nO + b] - sLines[k * nO + a] || sSpend[k * nO + b] - sSpend[k * nO + a] || a - b);
    order.forEach((o, j) => {
      sRank[k * nO + o] = j + 1;
    });
  }

  // Engagement and contacts: one pass over each array, keeping the customers asked for.
  const pos = new Int32Array(L.nCustomers).fill(-1);
  customers.forEach((c, k) => {
    pos[c] = k;
  });
  const count = (cust: Int32Array, offer: Int32Array, ts: Float64Array, keep: (i: number) => boolean) => {
    const out = new Float64Array(nR);
    for (let i = 0; i < ts.length; i++) {
      const k = pos[cust[i]];
      if (k >= 0 && offer[i] >= 0 && ts[i] < asOf && keep(i)) out[k * nO + offer[i]]++;
    }
    return out;
  };
  const touches = (x: OfferTouches | undefined) => (x ? count(x.cust, x.offer, x.ts, () => true) : undefined);
  const ev = extras.events;
  const evOf = (type: number) =>
    ev ? count(ev.cust, ev.offer, ev.ts, (i) => ev.type[i] === type && ev.ts[i] >= asOf - 30 * DAY) : undefined;
  return {
    nA,
    cOrders180,
    cActiveMonths,
    sOrders,
    sLines,
    sRank,
    sSpend,
    sOrders30,
    sOrders90,
    sDecay,
    sSeason,
    sFirst,
    sLast,
    aOrders,
    aSpend,
    aLast,
    cOrders,
    cSpend,
    cOrders30,
    cOrders90,
    cSeason,
    cScopes,
    cFirst,
    cLast,
    oShare90: off.oShare90,
    oTrend30: off.oTrend30,
    oTrend90: off.oTrend90,
    oSeason: off.oSeason,
    collab,
    aff,
    eViews: evOf(0),
    eCarts: evOf(1),
    kContacts: touches(extras.contacts),
    kResponses: touches(extras.responses),
  };
}

/** affinityScores' combination: F + w_s·S + w_cf·Σ_a share(c,a)·P(o|a) + w_pop·pop(o)/max pop, P(o|a) = coBuyers(a,o)/buyers(a). */
function affinityFrom(F: Float64Array, S: Float64Array, off: OfferLevelStats, nK: number, O: number): Float64Array {
  const cfg = DEFAULT_AFFINITY_CONFIG,
    both = off.coBuyers,
    pop = off.affinityPop;
  const cond = conditionalFromCoBuyers(both, O);
  return affinityFromParts(F, S, cond, pop, nK, O, cfg);
}
