// The promotions compute (a job): the pool (filtered by channel) → expected values per customer
// (scorePromotions) → guardrails (levels, validity, contacts/redemptions, as for a TOR) → the
// global allocation with each promotion's stock / budget as its maximum of recipients → N
// promotions per customer, swapped in with a run record by one transaction.
import { UserError } from '../domain/errors.ts';
import { allocate } from '../rank/allocate.ts';
import { DEFAULT_GUARDRAILS, eligibilityFromGuardrails } from '../rank/eligibility.ts';
import { defaultAsOf, parseDateArg } from '../snapshot/interactions.ts';
import { requirePricesForObjective } from '../snapshot/pricesPresent.ts';
import type { Store } from '../store/store.ts';
import { eligibilityFromStore } from '../tor/eligibilityFromStore.ts';
import { offerFromPromotion } from './promotion.ts';
import { listPromotions } from './promotionTable.ts';
import type { PromotionObjective } from './promotionValue.ts';
import { maxRecipients } from './maxRecipients.ts';
import { commitPromotionLists, type PromotionRunSummary } from './promotionListsTable.ts';
import { scorePromotions } from './scorePromotions.ts';

export interface PromotionComputeSettings {
  perCustomer: number;
  objective: PromotionObjective;
  /** Scoring method of the TOR scorers: baseline (default), frequency, popularity, propensity, auto. */
  model: string;
  asOf: string | null;
  sendDate: string | null;
  /** Only promotions for this channel (or 'all'); null = every promotion. */
  channel: string | null;
  audience: string | null;
}

export async function computePromotionLists(
  store: Store,
  s: PromotionComputeSettings,
  progress: (fraction: number, stage: string) => void = () => {},
): Promise<PromotionRunSummary> {
  const started = performance.now();
  let pool = await listPromotions(store);
  if (!pool.length) throw new UserError('no promotions stored: import them (promotions import FILE) or build a pool (promotions build)');
  if (s.channel) pool = pool.filter((p) => p.channel === 'all' || p.channel === s.channel);
  if (!pool.length) throw new UserError(`no promotion for channel '${s.channel}' (or 'all')`);
  if (s.objective === 'margin') {
    const missing = pool.filter((p) => p.cost === null).map((p) => p.promotionId);
    const more = missing.length > 20 ? ` … (${missing.length})` : '';
    if (missing.length) {
      const list = `${missing.slice(0, 20).join(', ')}${more}`;
      throw new UserError(`objective margin needs a cost (product cost share 0..1) for every promotion; missing for: ${list}`);
    }
  }
  const asOf = s.asOf ? parseDateArg(s.asOf) : await defaultAsOf(store);
  if (!asOf) throw new UserError('no order lines stored: import order_lines before computing promotions');
  if (s.objective === 'margin') await requirePricesForObjective(store, 'margin', asOf);
  const sendDate = s.sendDate ? parseDateArg(s.sendDate) : asOf;
  const K = s.perCustomer,
    P = pool.length;
  const sc = await scorePromotions(store, pool, {
    asOf,
    objective: s.objective,
    model: s.model,
    audience: s.audience,
    perCustomer: K,
    progress,
  });
  if (!sc.probabilities) progress(0.7, `${sc.model}: too little history to calibrate; values rank customers but are not probabilities`);
  progress(0.7, 'guardrails and allocation');
  const offers = pool.map(offerFromPromotion),
    n = sc.audience.length;
  const facts = await eligibilityFromStore(store, offers, sc.customerIds, sc.audience, asOf, sendDate, []);
  const elig = eligibilityFromGuardrails({ ...facts, nCustomers: n, nOffers: P }, { ...DEFAULT_GUARDRAILS, perCustomer: K });
  let unprofitable = 0;
  const mask = elig.mask;
  for (let i = 0; i < mask.length; i++) {
    // A pair whose expected value is not positive would cost more than it brings (margin) or is never bought.
    if (mask[i] && !(sc.value[i] > 0)) {
      mask[i] = 0;
      unprofitable++;
    }
    if (!mask[i]) sc.value[i] = -Infinity;
  }
  const order = Array.from({ length: P }, (_, o) => o).sort((a, b) => sc.popularity[b] - sc.popularity[a] || a - b);
  const tieBreak = new Int32Array(P);
  order.forEach((o, rank) => {
    tieBreak[o] = rank;
  });
  const maxCustomers = Float64Array.from(pool, (p, o) => maxRecipients(p, sc.meanCost[o]));
  const limited = maxCustomers.some((x) => x < n);
  const a = allocate(
    { nCustomers: n, nOffers: P, perCustomer: K, value: sc.value, mask, maxOffers: elig.maxOffers, tieBreak },
    limited ? { maxCustomers } : {},
  );
  progress(0.85, 'writing lists');
  const summary = await commitPromotionLists(store, {
    pool,
    scores: sc,
    allocation: a,
    objective: s.objective,
    popularityOrder: order,
    settings: s,
    asOf,
    started,
    excluded: { ...elig.excluded, notPositive: unprofitable },
    limitedPromotions: pool.filter((_, o) => maxCustomers[o] < n).length,
  });
  progress(1, 'done');
  return summary;
}
