// Offer-level statistics at a cut, from ALL customers' lines before it: popularity, trends, the
// seasonal index and the buyer co-occurrence matrix. Computed once per cut and shared by every
// subset of customers featurised at that cut, so their scale never depends on which customers are
// asked for (a training sample sees the same offer columns as full scoring). Pure.
import { DEFAULT_AFFINITY_CONFIG } from '../rank/affinityScores.ts';
import type { CustomerLineIndex } from './offerFeaturesIndex.ts';
import type { PropensityLines } from './offerFeaturesStats.ts';
import { DAY } from '../math/day.ts';

/** Smoothing of the offer seasonal index, in lines of pseudo-count at the offer's overall share. */
const SEASON_PRIOR_LINES = 200;

export interface OfferLevelStats {
  /** The cut (exclusive end of history) and horizon these were computed for. */
  asOf: number;
  horizonDays: number;
  /** Per offer: distinct buyers in the last 90 days / customers with any order in the last 90 days. */
  oShare90: Float64Array;
  /** Per offer: log((buyers in last 30 d + 1) / (buyers in the 30 d before + 1)). */
  oTrend30: Float64Array;
  /** Per offer: log((buyers in last 90 d + 1) / (buyers in the 90 d before + 1)). */
  oTrend90: Float64Array;
  /** Per offer: log(smoothed share in last year's window / overall share); 0 = no signal. */
  oSeason: Float64Array;
  /** nO × nO: customers who bought both offers before the cut (diagonal = buyers of the offer). */
  coBuyers: Float64Array;
  /** Per offer: distinct buyers in the affinity baseline's popularity window. */
  affinityPop: Float64Array;
}

/**
 * One pass over every customer's lines before `asOf` (index from customerLineIndexFromLines), with
 * per-customer scratch of nO flags: bit 0 = bought in [asOf−30d, asOf), 1 = in [−60, −30), 2 = in the
 * last 90 d, 3 = in [−180, −90), 4 = in the affinity popularity window, 5 = bought at all.
 */
export function offerLevelStatsFromLines(L: PropensityLines, index: CustomerLineIndex, asOf: number, horizonDays: number): OfferLevelStats {
  const nC = L.nCustomers,
    nO = L.nOffers;
  const seasonFrom = asOf - (365 + 30) * DAY,
    seasonTo = Math.min(asOf, asOf - (365 - horizonDays) * DAY);
  const popFrom = asOf - DEFAULT_AFFINITY_CONFIG.popularityDays * DAY;
  const oLinesAll = new Float64Array(nO),
    oLinesSeason = new Float64Array(nO);
  const b = [0, 1, 2, 3, 4].map(() => new Float64Array(nO));
  const coBuyers = new Float64Array(nO * nO);
  const flags = new Uint8Array(nO),
    touched: number[] = [];
  let linesAll = 0,
    linesSeason = 0,
    active90 = 0;
  for (let c = 0; c < nC; c++) {
    let recent = false;
    for (let j = index.start[c]; j < index.start[c + 1]; j++) {
      const t = index.ts[j];
      if (!(t < asOf)) break; // the leakage guard: a customer's lines are in ts order
      const age = asOf - t,
        o = index.offer[j];
      const inSeason = t >= seasonFrom && t < seasonTo;
      linesAll++;
      if (inSeason) linesSeason++;
      if (age <= 90 * DAY) recent = true;
      if (o < 0) continue;
      oLinesAll[o]++;
      if (inSeason) oLinesSeason[o]++;
      if (flags[o] === 0) touched.push(o);
      flags[o] |=
        32 | (age <= 30 * DAY ? 1 : age <= 60 * DAY ? 2 : 0) | (age <= 90 * DAY ? 4 : age <= 180 * DAY ? 8 : 0) | (t >= popFrom ? 16 : 0);
    }
    if (recent) active90++;
    for (const x of touched) {
      for (let bit = 0; bit < 5; bit++) if (flags[x] & (1 << bit)) b[bit][x]++;
      for (const y of touched) coBuyers[x * nO + y]++;
    }
    for (const x of touched) flags[x] = 0;
    touched.length = 0;
  }
  const oShare90 = new Float64Array(nO),
    oTrend30 = new Float64Array(nO),
    oTrend90 = new Float64Array(nO),
    oSeason = new Float64Array(nO);
  for (let o = 0; o < nO; o++) {
    oShare90[o] = active90 > 0 ? b[2][o] / active90 : 0;
    oTrend30[o] = Math.log((b[0][o] + 1) / (b[1][o] + 1));
    oTrend90[o] = Math.log((b[2][o] + 1) / (b[3][o] + 1));
    const p = linesAll > 0 ? oLinesAll[o] / linesAll : 0;
    oSeason[o] = p > 0 ? Math.log((oLinesSeason[o] + SEASON_PRIOR_LINES * p) / (linesSeason + SEASON_PRIOR_LINES) / p) : 0;
  }
  return { asOf, horizonDays, oShare90, oTrend30, oTrend90, oSeason, coBuyers, affinityPop: b[4] };
}
