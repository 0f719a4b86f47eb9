// B2 protocol (BENCHMARKS.md), pure part: from purchase lines and a product attribute, build the
// offer pool, the history lines mapped to offers, the test labels and the two customer sets.
import type { Interactions } from '../snapshot/interactions.ts';
import type { AttributeCodes } from '../snapshot/productAttribute.ts';
import type { OfferLines } from '../rank/offerLines.ts';
import { offerPopularity } from '../rank/offerPopularity.ts';

export interface B2Options {
  /** Split point: lines strictly before it are history, lines from it on are the test window. */
  asOf: Date;
  /** Exclusive end of the test window (default: the end of the data), e.g. for a validation cut. */
  testEnd?: Date;
  /** Product attribute whose values are the offers. */
  attribute?: string;
  /** Number of offers: the top attribute values by history revenue. */
  poolSize?: number;
  /** Attribute values never pooled (catch-all groups). */
  exclude?: string[];
}

export const B2_DEFAULTS = { attribute: 'family', poolSize: 25, exclude: ['other'] };

export interface B2Setup {
  asOf: number;
  customerIds: string[];
  /** Pool offer names (attribute values), by history revenue descending. */
  offers: string[];
  /** History revenue per offer. */
  offerRevenue: Float64Array;
  /** Per product index: pool offer index, or -1. */
  offerOfProduct: Int32Array;
  /** All history lines (ts < asOf) over the full customer dictionary, lineOffer -1 outside the pool. */
  history: OfferLines & { lineProd: Int32Array };
  /** nCustomers × nOffers row-major: 1 when the customer bought the offer in the test window. */
  testLabels: Uint8Array;
  /** Customers with a history line in the pool and a test line in the pool (ascending indices). */
  rankingCustomers: Int32Array;
  /** Customers with a history line in the pool (ascending indices). */
  aucCustomers: Int32Array;
  /** Buyers per offer in the last 90 days of history: the ranking tie-break. */
  popularity: Float64Array;
}

export function b2SetupFromInteractions(x: Interactions, attr: AttributeCodes, opts: B2Options): B2Setup {
  const attribute = opts.attribute ?? B2_DEFAULTS.attribute;
  const poolSize = opts.poolSize ?? B2_DEFAULTS.poolSize;
  const exclude = new Set(opts.exclude ?? B2_DEFAULTS.exclude);
  const asOf = opts.asOf.getTime();
  const nCustomers = x.customerIds.length;
  // Lines are sorted by ts, so history is a prefix [0, nHist).
  let nHist = 0;
  while (nHist < x.ts.length && x.ts[nHist] < asOf) nHist++;

  // Pool: attribute values ranked by history revenue (ties by name), minus the excluded ones.
  const revenue = new Float64Array(attr.values.length);
  for (let i = 0; i < nHist; i++) {
    const v = attr.codes[x.prod[i]];
    if (v >= 0) revenue[v] += x.amount[i];
  }
  const ranked = attr.values
    .map((name, v) => ({ name, v, rev: revenue[v] }))
    .filter((e) => e.rev > 0 && !exclude.has(e.name))
    .sort((a, b) => b.rev - a.rev || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, poolSize);
  if (ranked.length === 0) throw new Error(`B2: no value of '${attribute}' has history revenue before ${opts.asOf.toISOString()}`);
  const offerOfValue = new Int32Array(attr.values.length).fill(-1);
  ranked.forEach((e, o) => {
    offerOfValue[e.v] = o;
  });
  const offerOfProduct = new Int32Array(x.productIds.length);
  for (let p = 0; p < offerOfProduct.length; p++) offerOfProduct[p] = attr.codes[p] >= 0 ? offerOfValue[attr.codes[p]] : -1;
  const nOffers = ranked.length;

  const lineOffer = new Int32Array(nHist);
  const inPoolHistory = new Uint8Array(nCustomers);
  for (let i = 0; i < nHist; i++) {
    const o = offerOfProduct[x.prod[i]];
    lineOffer[i] = o;
    if (o >= 0) inPoolHistory[x.cust[i]] = 1;
  }
  const testLabels = new Uint8Array(nCustomers * nOffers);
  const inPoolTest = new Uint8Array(nCustomers);
  const testEnd = opts.testEnd ? opts.testEnd.getTime() : Infinity;
  for (let i = nHist; i < x.ts.length && x.ts[i] < testEnd; i++) {
    const o = offerOfProduct[x.prod[i]];
    if (o < 0) continue;
    testLabels[x.cust[i] * nOffers + o] = 1;
    inPoolTest[x.cust[i]] = 1;
  }
  const ranking: number[] = [],
    auc: number[] = [];
  for (let c = 0; c < nCustomers; c++) {
    if (!inPoolHistory[c]) continue;
    auc.push(c);
    if (inPoolTest[c]) ranking.push(c);
  }
  const history = {
    nCustomers,
    nOffers,
    asOf,
    lineCust: x.cust.slice(0, nHist),
    lineProd: x.prod.slice(0, nHist),
    lineOffer,
    lineAmount: x.amount.slice(0, nHist),
    lineTs: x.ts.slice(0, nHist),
  };
  return {
    asOf,
    customerIds: x.customerIds,
    offers: ranked.map((e) => e.name),
    offerRevenue: Float64Array.from(ranked, (e) => e.rev),
    offerOfProduct,
    history,
    testLabels,
    rankingCustomers: Int32Array.from(ranking),
    aucCustomers: Int32Array.from(auc),
    popularity: offerPopularity(history, 90),
  };
}
