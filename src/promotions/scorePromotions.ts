// Scores the whole pool for an audience, in batches of promotions so the scorers (built for a
// TOR's few offers) see a bounded problem: per batch the history is mapped to the batch's scopes,
// scored by a TOR scorer (calibrated probabilities), and turned into expected values. Only the
// customers × promotions results are kept: value (Float64), probability, and the two reason
// features (Float32), about 20 bytes per pair.
import { UserError } from '../domain/errors.ts';
import { offerPopularity } from '../rank/offerPopularity.ts';
import type { Store } from '../store/store.ts';
import { audienceIndices } from '../tor/audienceForTor.ts';
import { offerExtrasFromStore } from '../tor/offerExtrasFromStore.ts';
import { torHistoryFromStore } from '../tor/offerLinesForTor.ts';
import { parentLevelCodes } from '../tor/parentLevelCodes.ts';
import { torScorer } from '../tor/torScorers.ts';
import { offerFromPromotion, type Promotion } from './promotion.ts';
import { expectedValue, redemptionCost, type PromotionObjective } from './promotionValue.ts';
import { scopeHistory } from './scopeHistory.ts';
import { scopeUnitPrices } from './scopeUnitPrices.ts';

/** Promotions scored at once: a TOR-sized problem for the scorers, whatever the pool size. */
export const PROMOTION_BATCH = 25;

export interface PromotionScores {
  customerIds: string[];
  /** Customer index of each row. */
  audience: Int32Array;
  addressable: number;
  /** rows × promotions (row-major). */
  value: Float64Array;
  probability: Float32Array;
  ordersInScope: Float32Array;
  daysSince: Float32Array;
  /** Per promotion: mean cost of one redemption over the audience, and buyers in the last 90 days. */
  meanCost: Float64Array;
  popularity: Float64Array;
  model: string;
  probabilities: boolean;
}

export interface ScoreOptions {
  asOf: Date;
  objective: PromotionObjective;
  model: string;
  audience: string | null;
  perCustomer: number;
  progress: (fraction: number, stage: string) => void;
}

export async function scorePromotions(store: Store, pool: Promotion[], o: ScoreOptions): Promise<PromotionScores> {
  const P = pool.length;
  const scorer = torScorer(o.model);
  let out: PromotionScores | null = null;
  for (let b0 = 0; b0 < P; b0 += PROMOTION_BATCH) {
    const batch = pool.slice(b0, b0 + PROMOTION_BATCH),
      offers = batch.map(offerFromPromotion),
      m = batch.length;
    o.progress(0.05 + 0.6 * (b0 / P), `scoring promotions ${b0 + 1}–${b0 + m} of ${P} (${o.model})`);
    const hist = await torHistoryFromStore(store, offers, o.asOf);
    if (!out) out = await emptyScores(store, hist.interactions.customerIds, hist.activeCustomers, P, o);
    else if (hist.interactions.customerIds.length !== out.customerIds.length) throw new Error('customers changed while scoring promotions');
    const n = out.audience.length;
    const parent = await parentLevelCodes(store, offers, hist.interactions.productIds);
    const scoring = await scorer({
      lines: hist.lines,
      ancestorOfProduct: parent.codes,
      nAncestors: parent.values.length,
      extras: o.model === 'propensity' || o.model === 'auto' ? await offerExtrasFromStore(store, offers, out.customerIds, o.asOf) : {},
      audience: out.audience,
      perCustomer: Math.min(o.perCustomer, m),
      log: () => {},
    });
    out.model = scoring.model;
    out.probabilities &&= scoring.probabilities;
    const h = scopeHistory(hist.lines, out.audience);
    const unit = await scopeUnitPrices(store, offers, o.asOf);
    const pop = offerPopularity(hist.lines, 90);
    for (let j = 0; j < m; j++) {
      const p = batch[j],
        g = b0 + j;
      const econ = {
        mechanism: p.mechanism,
        value: p.value,
        cost: p.cost ?? NaN,
        pointCost: p.pointCost,
        redemptionCost: p.redemptionCost,
        unitPrice: unit[j],
      };
      let costSum = 0;
      for (let r = 0; r < n; r++) {
        const cell = r * m + j,
          at = r * P + g;
        const prob = scoring.scores[out.audience[r] * m + j],
          spend = h.spend[cell];
        costSum += redemptionCost(econ, spend);
        out.value[at] = expectedValue(o.objective, prob, spend, econ);
        out.probability[at] = prob;
        out.ordersInScope[at] = h.days[cell];
        out.daysSince[at] = h.daysSince[cell];
      }
      out.meanCost[g] = n ? costSum / n : 0;
      out.popularity[g] = pop[j];
    }
  }
  return out!;
}

async function emptyScores(store: Store, customerIds: string[], active: Int32Array, P: number, o: ScoreOptions): Promise<PromotionScores> {
  if (active.length === 0) throw new UserError(`no customer has purchases before ${o.asOf.toISOString().slice(0, 10)}`);
  const audience = o.audience ? await audienceIndices(store, o.audience, o.asOf, customerIds) : active;
  if (audience.length === 0) {
    throw new UserError(`the audience '${o.audience}' includes none of the ${active.length} addressable customers`);
  }
  const size = audience.length * P;
  return {
    customerIds,
    audience,
    addressable: active.length,
    value: new Float64Array(size),
    probability: new Float32Array(size),
    ordersInScope: new Float32Array(size),
    daysSince: new Float32Array(size),
    meanCost: new Float64Array(P),
    popularity: new Float64Array(P),
    model: o.model,
    probabilities: true,
  };
}
