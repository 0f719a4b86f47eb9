// The TOR's "prediction quality": per offer, how well a score separates the customers who bought in
// the offer's scope from those who did not (ROC AUC, ties averaged) and the lift in the top 10 %.
// Pure: scores and labels are customers × offers, row-major, over the rows selected by `customers`.
import { liftAt, rocAuc } from '../../evaluate/rocAuc.ts';

export interface OfferQuality {
  /** Per offer: AUC and lift at 10 % (NaN when the offer has no buyer or no non-buyer). */
  auc: Float64Array;
  lift10: Float64Array;
  /** Means over offers with a defined value. */
  meanAuc: number;
  meanLift10: number;
}

/** `customers` = indices of the customers evaluated (the audience); all when omitted. */
export function offerQualityFromScores(scores: Float64Array, labels: Uint8Array, nOffers: number, customers?: Int32Array): OfferQuality {
  const nC = scores.length / nOffers;
  const sel = customers ?? Int32Array.from({ length: nC }, (_, i) => i);
  const auc = new Float64Array(nOffers),
    lift10 = new Float64Array(nOffers);
  const s = new Float64Array(sel.length),
    y = new Uint8Array(sel.length);
  for (let o = 0; o < nOffers; o++) {
    for (let k = 0; k < sel.length; k++) {
      s[k] = scores[sel[k] * nOffers + o];
      y[k] = labels[sel[k] * nOffers + o];
    }
    auc[o] = rocAuc(s, y);
    lift10[o] = liftAt(s, y, 0.1);
  }
  return { auc, lift10, meanAuc: meanDefined(auc), meanLift10: meanDefined(lift10) };
}

function meanDefined(x: Float64Array): number {
  let s = 0,
    n = 0;
  for (const v of x)
    if (Number.isFinite(v)) {
      s += v;
      n++;
    }
  return n ? s / n : NaN;
}
