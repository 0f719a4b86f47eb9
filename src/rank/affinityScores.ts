// Baseline TOR scorer: recency-weighted personal affinity to each offer's scope, plus a
// same-season-last-year term and a collaborative back-off (families bought together), with
// popularity as the final tie-break. No training; pure over typed arrays.
//
// score(c, o) = F(c, o) + seasonWeight · S(c, o) + collaborativeWeight · CF(c, o) + popularityWeight · π(o)
//   F(c, o)  = Σ over the customer's purchase days in o of 2^(−age/halfLifeDays)   (one "occasion" per
//              distinct day, so a 40-line basket counts once: measured better than lines on validation)
//   S(c, o)  = purchase days in o within [asOf − 365 d, asOf − 365 d + seasonDays)  (last year's season)
//   CF(c, o) = Σ_a F(c, a)/Σ_b F(c, b) · P(o | a), P(o | a) = share of a's buyers who also bought o (o ≠ a)
//   π(o)     = buyers of o in the last popularityDays / max over offers   (≤ 1, only orders ties)
// CF ≤ 1 < one occasion, so it mostly orders the offers a customer never bought; it also lets
// customers without an offer's history be ranked for that offer (per-offer AUC).
import { DAY_MS, checkOfferLines, type OfferLines } from './offerLines.ts';
import { offerPopularity } from './offerPopularity.ts';

export interface AffinityConfig {
  /** Half-life in days of an occasion's weight (chosen on the 2011-06-01 validation cut: 730 ≈ no decay > 180 > 90). */
  halfLifeDays: number;
  /** Weight of last year's same-season occasions (a priori 1 = as much as a fresh occasion; validation has no prior year). */
  seasonWeight: number;
  /** Length in days of the seasonal window starting 365 days before asOf (≈ a quarter's campaign horizon). */
  seasonDays: number;
  /** Weight of the co-purchase back-off (validation grid 0.01–4). */
  collaborativeWeight: number;
  /** Weight of normalised recent popularity; small so it only breaks ties. */
  popularityWeight: number;
  /** Window in days for offer popularity (distinct recent buyers). */
  popularityDays: number;
}

export const DEFAULT_AFFINITY_CONFIG: AffinityConfig = {
  halfLifeDays: 730,
  seasonWeight: 1,
  seasonDays: 100,
  collaborativeWeight: 1,
  popularityWeight: 1e-3,
  popularityDays: 90,
};

export interface AffinityInput extends OfferLines {
  config?: Partial<AffinityConfig>;
  /** Co-purchase P(o | a) and popularity of all customers, when the lines hold only some (a distributed compute's shard). */
  allCustomers?: { cond: Float64Array; pop: Float64Array };
}

/** nCustomers × nOffers row-major scores; higher = more likely to buy in the offer's scope soon. */
export function affinityScores(input: AffinityInput): Float64Array {
  checkOfferLines(input);
  const cfg = { ...DEFAULT_AFFINITY_CONFIG, ...input.config };
  const { nCustomers: N, nOffers: O, asOf } = input;
  const F = new Float64Array(N * O);
  const S = new Float64Array(N * O);
  // Occasions: a (customer, offer) counts once per calendar day. Visit lines in time order and
  // remember the last day counted per cell (-1 = none yet).
  const order = timeOrder(input.lineTs);
  const lastDay = new Int32Array(N * O).fill(-1);
  const rate = cfg.halfLifeDays > 0 ? Math.LN2 / cfg.halfLifeDays : 0;
  const seasonFrom = asOf - 365 * DAY_MS,
    seasonTo = seasonFrom + cfg.seasonDays * DAY_MS;
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    const o = input.lineOffer[i],
      t = input.lineTs[i];
    if (o < 0 || t >= asOf) continue;
    const cell = input.lineCust[i] * O + o;
    const day = Math.floor(t / DAY_MS);
    if (lastDay[cell] === day) continue;
    lastDay[cell] = day;
    F[cell] += Math.exp(-rate * ((asOf - t) / DAY_MS));
    if (t >= seasonFrom && t < seasonTo) S[cell] += 1;
  }
  const cond = input.allCustomers?.cond ?? coPurchase(lastDay, N, O);
  const pop = input.allCustomers?.pop ?? offerPopularity(input, cfg.popularityDays);
  return affinityFromParts(F, S, cond, pop, N, O, cfg);
}

/** The parts of affinityScores that depend on every customer (co-purchase, popularity): computed once when scoring in shards. */
export function affinityAllCustomerParts(input: AffinityInput): { cond: Float64Array; pop: Float64Array } {
  const cfg = { ...DEFAULT_AFFINITY_CONFIG, ...input.config };
  const { nCustomers: N, nOffers: O, asOf } = input;
  const bought = new Int32Array(N * O).fill(-1);
  for (let i = 0; i < input.lineCust.length; i++) {
    const o = input.lineOffer[i];
    if (o >= 0 && input.lineTs[i] < asOf) bought[input.lineCust[i] * O + o] = 1;
  }
  return { cond: coPurchase(bought, N, O), pop: offerPopularity(input, cfg.popularityDays) };
}

/**
 * The affinity combination, shared with the propensity features: for each row c and offer o,
 * F + w_s·S + w_cf·Σ_a share(c,a)·P(o|a) + w_pop·pop(o)/max pop, with share(c,a) = F(c,a)/Σ F(c,·).
 * F, S: rows × O (decayed occasions, same-season occasions last year); cond: O × O = P(o | a).
 */
export function affinityFromParts(
  F: Float64Array,
  S: Float64Array,
  cond: Float64Array,
  pop: Float64Array,
  nRows: number,
  O: number,
  cfg: AffinityConfig,
): Float64Array {
  let popMax = 0;
  for (let o = 0; o < O; o++) popMax = Math.max(popMax, pop[o]);
  const out = new Float64Array(nRows * O);
  const share = new Float64Array(O);
  for (let c = 0; c < nRows; c++) {
    const row = c * O;
    let total = 0;
    for (let o = 0; o < O; o++) total += F[row + o];
    for (let a = 0; a < O; a++) share[a] = total > 0 ? F[row + a] / total : 0;
    for (let o = 0; o < O; o++) {
      let cf = 0;
      for (let a = 0; a < O; a++) if (share[a] > 0) cf += share[a] * cond[a * O + o];
      out[row + o] =
        F[row + o] +
        cfg.seasonWeight * S[row + o] +
        cfg.collaborativeWeight * cf +
        cfg.popularityWeight * (popMax > 0 ? pop[o] / popMax : 0);
    }
  }
  return out;
}

/** Line indices in ascending ts order (identity when already sorted, the usual case). */
function timeOrder(ts: Float64Array): Int32Array | Uint32Array {
  const idx = new Uint32Array(ts.length);
  let sorted = true;
  for (let i = 0; i < ts.length; i++) {
    idx[i] = i;
    if (i > 0 && ts[i] < ts[i - 1]) sorted = false;
  }
  return sorted ? idx : idx.sort((a, b) => ts[a] - ts[b] || a - b);
}

/** P(o | a) as an O × O matrix (row a), zero diagonal: buyers of both / buyers of a. `bought[c·O+o] ≥ 0` = bought. */
function coPurchase(bought: Int32Array, N: number, O: number): Float64Array {
  const both = new Float64Array(O * O);
  const mine: number[] = [];
  for (let c = 0; c < N; c++) {
    mine.length = 0;
    for (let o = 0; o < O; o++) if (bought[c * O + o] >= 0) mine.push(o);
    for (const a of mine) for (const b of mine) both[a * O + b]++;
  }
  return conditionalFromCoBuyers(both, O);
}

/** P(b | a) = buyers of both / buyers of a, from the O × O co-buyer counts (diagonal = buyers); zero diagonal. */
export function conditionalFromCoBuyers(both: Float64Array, O: number): Float64Array {
  const cond = new Float64Array(O * O);
  for (let a = 0; a < O; a++) {
    const na = both[a * O + a];
    if (na === 0) continue;
    for (let b = 0; b < O; b++) if (b !== a) cond[a * O + b] = both[a * O + b] / na;
  }
  return cond;
}
