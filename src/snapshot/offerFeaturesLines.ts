// Adds the hierarchy level above the offers to offer-mapped history lines, giving the input of
// offerFeaturesFromLines. Pure.
import type { OfferLines } from '../rank/offerLines.ts';
import type { PropensityLines } from './offerFeaturesStats.ts';

/**
 * `ancestorOfProduct[p]` = ancestor node code of product p (e.g. its department), -1 when unknown.
 * An offer's ancestor is the node holding most of its history lines (ties: the lower code), so a
 * family that spans departments still gets one parent.
 */
export function propensityLinesFromOfferLines(
  lines: OfferLines & { lineProd: Int32Array },
  ancestorOfProduct: Int32Array,
  nAncestors: number,
): PropensityLines {
  const n = lines.lineTs.length,
    nO = lines.nOffers;
  const lineAncestor = new Int32Array(n);
  const votes = new Float64Array(nO * Math.max(1, nAncestors));
  for (let i = 0; i < n; i++) {
    const a = ancestorOfProduct[lines.lineProd[i]] ?? -1;
    lineAncestor[i] = a;
    if (a >= 0 && lines.lineOffer[i] >= 0) votes[lines.lineOffer[i] * nAncestors + a]++;
  }
  const offerAncestor = new Int32Array(nO).fill(-1);
  for (let o = 0; o < nO; o++) {
    let best = 0;
    for (let a = 0; a < nAncestors; a++)
      if (votes[o * nAncestors + a] > best) {
        best = votes[o * nAncestors + a];
        offerAncestor[o] = a;
      }
  }
  return { ...lines, nAncestors, lineAncestor, offerAncestor };
}
