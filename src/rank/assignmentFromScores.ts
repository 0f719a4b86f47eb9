// From a TOR's scores to its assignment, pure: objective values → eligibility → global allocation
// → priorities, a full ranking of every offer, and a reason per assignment.
// Rows are the audience (a subset of customers, compact); every matrix is rows × offers.
import type { TorObjective } from '../domain/types.ts';
import { allocate } from './allocate.ts';
import type { Allocation, AllocationLimits } from './allocateTypes.ts';
import { eligibilityFromGuardrails, type EligibilityInput, type Eligibility, type GuardrailConfig } from './eligibility.ts';
import { marginRatesFromCosts, valuesFromObjective } from './objective.ts';
import { DAY_MS, type OfferLines } from './offerLines.ts';
import { rankedOffersFromScores } from './rankOffers.ts';
import { reasonsFromAllocation } from './reasons.ts';
import { expectedSpendInScope } from './expectedSpendInScope.ts';
import { valuesThroughLayer, type OfferMapLayer } from './offerMapLayer.ts';

export interface AssignmentInput {
  lines: OfferLines;
  /** Customer indices of the rows. */
  audience: Int32Array;
  /** Full scores, nCustomers × nOffers (from the scorer). */
  scores: Float64Array;
  objective: TorObjective;
  perCustomer: number;
  offerNames: string[];
  offerCosts: (number | null)[];
  offerIds: string[];
  /** Per offer: higher = more popular; breaks ties everywhere. */
  popularity: Float64Array;
  /** Eligibility facts over the rows (nCustomers/nOffers are filled in here). */
  eligibility: Omit<EligibilityInput, 'nCustomers' | 'nOffers'>;
  guardrails: GuardrailConfig;
  limits: AllocationLimits;
  /** A segment → offer map's layer over the rows (offerMapLayer.ts); absent = no map. */
  layer?: Pick<OfferMapLayer, 'mask' | 'factor'>;
}

export interface Assignment {
  allocation: Allocation;
  eligibility: Eligibility;
  /** rows × nOffers: every offer ranked by objective value (ineligible last), best first. */
  ranked: Int32Array;
  /** rows × nOffers objective values (−Infinity where ineligible). */
  value: Float64Array;
  /** rows × K reasons ('' where empty). */
  reasons: string[];
  /** The facts behind a (row, offer) pair's reason (for personalised copy). */
  factsOf(row: number, offer: number): { ordersInScope: number; daysSinceInScope: number };
}

/** Per (row, offer): distinct purchase days in scope, last purchase time, spend in scope. */
function scopeHistory(x: OfferLines, audience: Int32Array) {
  const m = x.nOffers,
    rowOf = new Int32Array(x.nCustomers).fill(-1);
  audience.forEach((c, r) => {
    rowOf[c] = r;
  });
  const days = new Float64Array(audience.length * m),
    last = new Float64Array(audience.length * m).fill(-Infinity);
  const spend = new Float64Array(audience.length * m),
    lastDay = new Float64Array(audience.length * m).fill(NaN);
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
    spend[cell] += x.lineAmount[i];
  }
  return { days, last, spend };
}

export function assignmentFromScores(x: AssignmentInput): Assignment {
  const m = x.lines.nOffers,
    nRows = x.audience.length,
    K = x.perCustomer;
  const probability = new Float64Array(nRows * m);
  for (let r = 0; r < nRows; r++) probability.set(x.scores.subarray(x.audience[r] * m, x.audience[r] * m + m), r * m);
  const hist = scopeHistory(x.lines, x.audience);
  const spend = expectedSpendInScope(hist.days, hist.spend, nRows, m);
  const boughtInScope = Uint8Array.from(hist.days, (d) => (d > 0 ? 1 : 0));
  const objective = valuesFromObjective(x.objective, {
    nCustomers: nRows,
    nOffers: m,
    probability,
    spend,
    boughtInScope,
    marginRate: x.objective === 'margin' ? marginRatesFromCosts(x.offerCosts) : undefined,
    offerIds: x.offerIds,
  });
  const eligibility = eligibilityFromGuardrails({ ...x.eligibility, nCustomers: nRows, nOffers: m }, { ...x.guardrails, perCustomer: K });
  const mask = new Uint8Array(nRows * m);
  for (let i = 0; i < mask.length; i++) mask[i] = objective.eligible[i] & eligibility.mask[i];
  const eligibleValue = Float64Array.from(objective.value, (v, i) => (mask[i] ? v : -Infinity));
  const value = x.layer ? valuesThroughLayer(eligibleValue, x.layer) : eligibleValue;
  if (x.layer) for (let i = 0; i < mask.length; i++) mask[i] &= x.layer.mask[i];
  // Allocation ties: more popular offers first (rank 0 = most popular).
  const byPopularity = Array.from({ length: m }, (_, o) => o).sort((a, b) => x.popularity[b] - x.popularity[a] || a - b);
  const tieBreak = new Int32Array(m);
  byPopularity.forEach((o, rank) => {
    tieBreak[o] = rank;
  });
  const allocation = allocate(
    { nCustomers: nRows, nOffers: m, perCustomer: K, value, mask, maxOffers: eligibility.maxOffers, tieBreak },
    x.limits,
  );
  const ranked = rankedOffersFromScores(value, m, x.popularity);
  const popRank = new Float64Array(m);
  byPopularity.forEach((o, rank) => {
    popRank[o] = rank + 1;
  });
  const reasons = reasonsFromAllocation(allocation.offers, K, x.objective, (r, o) => {
    const c = r * m + o;
    return {
      scope: x.offerNames[o],
      ordersInScope: hist.days[c],
      daysSinceInScope: hist.days[c] > 0 ? (x.lines.asOf - hist.last[c]) / DAY_MS : NaN,
      neighbourShare: NaN,
      popularityRank: popRank[o],
      expectedSpend: spend[c],
    };
  });
  const factsOf = (r: number, o: number) => {
    const c = r * m + o;
    return { ordersInScope: hist.days[c], daysSinceInScope: hist.days[c] > 0 ? (x.lines.asOf - hist.last[c]) / DAY_MS : NaN };
  };
  return { allocation, eligibility, ranked, value, reasons, factsOf };
}
