// Features per (customer, offer) for the TOR propensity model, as one column-major Float32Array.
// Pure: takes purchase lines already mapped to offers (scope) and ancestor nodes (e.g. family →
// department), plus an as-of time; only lines with ts < asOf are read, so nothing at or after the
// cut can leak into its features. Row r = k·nOffers + o for the k-th customer asked for (all
// customers by default); value of feature f is X[f·nRows + r]. A customer's features are the same
// whichever subset it is computed in: offer-level columns always come from all customers' lines.
import type { OfferLines } from '../rank/offerLines.ts';
import { customerLineIndexFromLines, type CustomerLineIndex } from './offerFeaturesIndex.ts';
import { offerLevelStatsFromLines, type OfferLevelStats } from './offerFeaturesOffer.ts';
import { offerBuyerStats, type PropensityLines, type OfferExtras } from './offerFeaturesStats.ts';
import { DAY } from '../math/day.ts';

export type { PropensityLines, OfferExtras, OfferEvents, OfferTouches } from './offerFeaturesStats.ts';

export interface OfferFeatures {
  /** Number of customers featurised (row blocks); customers[k] is the global index of block k. */
  nCustomers: number;
  customers: Int32Array;
  nOffers: number;
  /** nCustomers · nOffers */
  nRows: number;
  names: string[];
  /** Column-major: X[f·nRows + c·nOffers + o]. */
  X: Float32Array;
  /** Per customer: 1 when the customer has any line before asOf (the modelled audience). */
  active: Uint8Array;
}

export interface OfferFeatureOptions {
  /** Exclusive end of history, epoch ms. */
  asOf: number;
  /** Length of the period being predicted, days: sets the last-year seasonal window. */
  horizonDays: number;
  /** Customers to featurise (distinct global indices, in the order wanted); default all, 0..nCustomers−1. */
  customers?: Int32Array;
  /** Lines bucketed by customer (customerLineIndexFromLines); built when absent. Pass it when featurising many cuts or chunks. */
  index?: CustomerLineIndex;
  /** Offer-level statistics at this asOf/horizon (offerLevelStatsFromLines); computed when absent. Pass it when featurising chunks of one cut. */
  offerStats?: OfferLevelStats;
}

/** Days used when something never happened (the "recency" of a never-bought scope). */
const NEVER_DAYS = 730;

/** Builds every feature at `asOf`; optional engagement / contact features appear only when given. */
export function offerFeaturesFromLines(lines: PropensityLines, opts: OfferFeatureOptions, extras: OfferExtras = {}): OfferFeatures {
  const nO = lines.nOffers;
  const customers = opts.customers ?? Int32Array.from({ length: lines.nCustomers }, (_, c) => c);
  const index = opts.index ?? customerLineIndexFromLines(lines);
  const off = opts.offerStats ?? offerLevelStatsFromLines(lines, index, opts.asOf, opts.horizonDays);
  if (off.asOf !== opts.asOf || off.horizonDays !== opts.horizonDays)
    throw new Error('offer features: offerStats were computed for another asOf or horizon');
  const nC = customers.length,
    nRows = nC * nO;
  const s = offerBuyerStats(lines, index, customers, off, extras);
  const cols: { name: string; v: (c: number, o: number, r: number) => number }[] = [];
  const add = (name: string, v: (c: number, o: number, r: number) => number) => cols.push({ name, v });
  const days = (t: number) => (t > -Infinity ? Math.min(NEVER_DAYS, (opts.asOf - t) / DAY) : NEVER_DAYS);
  // gap/cycle: days since last / mean gap between distinct orders; 0 when fewer than 2 orders.
  const due = (last: number, first: number, orders: number) =>
    orders >= 2 && last > first ? Math.min(10, (opts.asOf - last) / ((last - first) / (orders - 1))) : 0;
  const aIdx = (c: number, o: number) => (lines.offerAncestor[o] >= 0 ? c * s.nA + lines.offerAncestor[o] : -1);

  // Personal, in scope.
  add('scope_days_since', (_c, _o, r) => days(s.sLast[r]));
  add('scope_orders', (_c, _o, r) => Math.log1p(s.sOrders[r]));
  add('scope_lines', (_c, _o, r) => Math.log1p(s.sLines[r]));
  add('scope_spend', (_c, _o, r) => Math.log1p(Math.max(0, s.sSpend[r])));
  add('scope_orders_30', (_c, _o, r) => s.sOrders30[r]);
  add('scope_orders_90', (_c, _o, r) => s.sOrders90[r]);
  add('scope_decayed', (_c, _o, r) => s.sDecay[r]);
  add('scope_wallet_share', (c, _o, r) => (s.cSpend[c] > 0 ? s.sSpend[r] / s.cSpend[c] : 0));
  add('scope_order_share', (c, _o, r) => (s.cOrders[c] > 0 ? s.sOrders[r] / s.cOrders[c] : 0));
  add('scope_rank', (_c, _o, r) => s.sRank[r]);
  add('scope_cycle_due', (_c, _o, r) => due(s.sLast[r], s.sFirst[r], s.sOrders[r]));
  add('scope_last_year', (_c, _o, r) => s.sSeason[r]);
  // Personal, in the offer's ancestor node (e.g. the department of a family); absent without a hierarchy.
  if (s.nA > 0)
    add('ancestor_days_since', (c, o) => {
      const a = aIdx(c, o);
      return a < 0 ? NEVER_DAYS : days(s.aLast[a]);
    });
  if (s.nA > 0)
    add('ancestor_orders', (c, o) => {
      const a = aIdx(c, o);
      return a < 0 ? 0 : Math.log1p(s.aOrders[a]);
    });
  if (s.nA > 0)
    add('ancestor_wallet_share', (c, o) => {
      const a = aIdx(c, o);
      return a < 0 || s.cSpend[c] <= 0 ? 0 : s.aSpend[a] / s.cSpend[c];
    });
  // Collaborative: Σ_{o'≠o} share(c,o')·cos(o',o), cos over offer buyer vectors (see offerFeaturesStats).
  add('collab_copurchase', (_c, _o, r) => s.collab[r]);
  // The affinity baseline's score (rank/affinityScores: day occasions + last year's season + P(o|a) back-off).
  add('affinity_score', (_c, _o, r) => Math.log1p(s.aff[r]));
  // Offer level (same for every customer).
  add('offer_buyer_share_90', (_c, o) => s.oShare90[o]);
  add('offer_trend_30', (_c, o) => s.oTrend30[o]);
  add('offer_trend_90', (_c, o) => s.oTrend90[o]);
  add('offer_season_index', (_c, o) => s.oSeason[o]);
  // Customer RFM and activity.
  add('cust_days_since', (c) => days(s.cLast[c]));
  add('cust_orders', (c) => Math.log1p(s.cOrders[c]));
  add('cust_spend', (c) => Math.log1p(Math.max(0, s.cSpend[c])));
  add('cust_tenure_days', (c) => (Number.isFinite(s.cFirst[c]) ? Math.min(NEVER_DAYS, (opts.asOf - s.cFirst[c]) / DAY) : 0));
  add('cust_orders_30', (c) => s.cOrders30[c]);
  add('cust_orders_90', (c) => s.cOrders90[c]);
  add('cust_cycle_due', (c) => due(s.cLast[c], s.cFirst[c], s.cOrders[c]));
  add('cust_scopes_bought', (c) => s.cScopes[c]);
  add('cust_last_year', (c) => s.cSeason[c]);
  add('cust_orders_180', (c) => s.cOrders180[c]);
  // Orders per 30 days of tenure (tenure floored at 30 days), and distinct 30-day blocks with an order: regularity.
  add('cust_order_rate', (c) => (s.cOrders[c] > 0 ? (30 * s.cOrders[c]) / Math.max(30, (opts.asOf - s.cFirst[c]) / DAY) : 0));
  add('cust_active_months', (c) => s.cActiveMonths[c]);
  if (s.eViews) add('scope_views_30', (_c, _o, r) => s.eViews![r]);
  if (s.eCarts) add('scope_carts_30', (_c, _o, r) => s.eCarts![r]);
  if (s.kContacts) add('scope_contacts', (_c, _o, r) => s.kContacts![r]);
  if (s.kResponses) add('scope_responses', (_c, _o, r) => s.kResponses![r]);

  const X = new Float32Array(cols.length * nRows);
  // cust_* columns read only c and offer_* only o: evaluate those once per customer / offer.
  const perOffer = new Float32Array(nO);
  cols.forEach((col, f) => {
    const base = f * nRows;
    if (col.name.startsWith('cust_')) for (let c = 0; c < nC; c++) X.fill(col.v(c, 0, c * nO), base + c * nO, base + (c + 1) * nO);
    else if (col.name.startsWith('offer_')) {
      for (let o = 0; o < nO; o++) perOffer[o] = col.v(0, o, o);
      for (let c = 0; c < nC; c++) X.set(perOffer, base + c * nO);
    } else
      for (let c = 0; c < nC; c++)
        for (let o = 0; o < nO; o++) {
          const r = c * nO + o;
          X[base + r] = col.v(c, o, r);
        }
  });
  const active = new Uint8Array(nC);
  for (let c = 0; c < nC; c++) active[c] = s.cOrders[c] > 0 ? 1 : 0;
  return { nCustomers: nC, customers, nOffers: nO, nRows, names: cols.map((c) => c.name), X, active };
}

/** Label per row: 1 when customer c bought in offer o's scope in [from, to), else 0. */
export function offerLabelsFromLines(lines: OfferLines, from: number, to: number): Uint8Array {
  const y = new Uint8Array(lines.nCustomers * lines.nOffers);
  for (let i = 0; i < lines.lineTs.length; i++) {
    const t = lines.lineTs[i];
    if (t < from || t >= to || lines.lineOffer[i] < 0) continue;
    y[lines.lineCust[i] * lines.nOffers + lines.lineOffer[i]] = 1;
  }
  return y;
}

/** Labels of the listed customers only (row k·nOffers + o for customers[k]), read from their indexed lines. */
export function offerLabelsForCustomers(
  lines: OfferLines,
  index: CustomerLineIndex,
  customers: Int32Array,
  from: number,
  to: number,
): Uint8Array {
  const nO = lines.nOffers,
    y = new Uint8Array(customers.length * nO);
  customers.forEach((c, k) => {
    for (let j = index.start[c]; j < index.start[c + 1]; j++) {
      const t = index.ts[j];
      if (t >= to) break;
      if (t >= from && index.offer[j] >= 0) y[k * nO + index.offer[j]] = 1;
    }
  });
  return y;
}
