// B2 protocol (BENCHMARKS.md), evaluation: per-customer ranking metrics over the ranking
// customers, and per-offer ROC AUC / lift over the AUC customers. Pure.
import { metricsAtK } from '../evaluate/rankingMetrics.ts';
import { liftAt, rocAuc } from '../evaluate/rocAuc.ts';
import { rankedOffersFromScores } from '../rank/rankOffers.ts';
import type { B2Setup } from './b2SetupFromInteractions.ts';

export interface B2Result {
  /** Ranking customers averaged over. */
  customers: number;
  ndcg4: number;
  hit1: number;
  /** hits in top 4 / min(4, |T|) */
  recall4: number;
  /** Mean over offers with both classes present among the AUC customers. */
  meanAuc: number;
  aucCustomers: number;
  perOfferAuc: { offer: string; auc: number; liftAt10: number }[];
}

/** The setup fields evaluation needs (a tiny hand-made setup can supply just these). */
export type B2EvalSetup = Pick<B2Setup, 'offers' | 'testLabels' | 'rankingCustomers' | 'aucCustomers' | 'popularity'>;

/** scores: nCustomers × nOffers row-major over the full customer dictionary; higher = more likely. */
export function b2Evaluate(setup: B2EvalSetup, scores: Float64Array): B2Result {
  const nOffers = setup.offers.length;
  if (scores.length !== setup.testLabels.length) {
    throw new Error(`b2Evaluate: ${scores.length} scores, expected ${setup.testLabels.length} (customers × ${nOffers} offers)`);
  }
  const rows = setup.rankingCustomers;
  const lists = rankedOffersFromScores(scores, nOffers, setup.popularity, { rows });
  let ndcg = 0,
    hit1 = 0,
    recall = 0;
  const truth = new Set<number>();
  for (let r = 0; r < rows.length; r++) {
    truth.clear();
    for (let o = 0; o < nOffers; o++) if (setup.testLabels[rows[r] * nOffers + o]) truth.add(o);
    const list = lists.subarray(r * nOffers, (r + 1) * nOffers);
    const m4 = metricsAtK(list, truth, 4);
    ndcg += m4.ndcg;
    recall += m4.recallCapped;
    hit1 += metricsAtK(list, truth, 1).hit;
  }
  const n = rows.length || 1;

  const aucRows = setup.aucCustomers;
  const s = new Float64Array(aucRows.length);
  const y = new Uint8Array(aucRows.length);
  const perOfferAuc: B2Result['perOfferAuc'] = [];
  let aucSum = 0,
    aucCount = 0;
  for (let o = 0; o < nOffers; o++) {
    for (let r = 0; r < aucRows.length; r++) {
      const v = scores[aucRows[r] * nOffers + o];
      s[r] = Number.isNaN(v) ? -Infinity : v;
      y[r] = setup.testLabels[aucRows[r] * nOffers + o];
    }
    const auc = rocAuc(s, y);
    perOfferAuc.push({ offer: setup.offers[o], auc, liftAt10: liftAt(s, y, 0.1) });
    if (!Number.isNaN(auc)) {
      aucSum += auc;
      aucCount++;
    }
  }
  return {
    customers: rows.length,
    ndcg4: ndcg / n,
    hit1: hit1 / n,
    recall4: recall / n,
    meanAuc: aucCount ? aucSum / aucCount : NaN,
    aucCustomers: aucRows.length,
    perOfferAuc,
  };
}
