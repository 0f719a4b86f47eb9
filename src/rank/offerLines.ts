// The input every offer scorer takes: history order lines already mapped to offer indices.
// Plain typed arrays so the backtest and the TOR compute build it the same way.
import { DAY } from '../math/day.ts';

export interface OfferLines {
  nCustomers: number;
  nOffers: number;
  /** Per history line (length n): dense customer index 0..nCustomers-1. */
  lineCust: Int32Array;
  /** Per line: offer index 0..nOffers-1 whose scope holds the line's product, or -1 (out of every scope). */
  lineOffer: Int32Array;
  /** Per line: revenue (quantity × unit price). */
  lineAmount: Float64Array;
  /** Per line: epoch ms. Lines at or after asOf are ignored by every scorer. */
  lineTs: Float64Array;
  /** Exclusive end of history, epoch ms: recency is measured against it. */
  asOf: number;
}

export const DAY_MS = DAY;

/** Throws when the arrays disagree in length or hold out-of-range indices (a caller bug, not user input). */
export function checkOfferLines(x: OfferLines): void {
  const n = x.lineCust.length;
  if (x.lineOffer.length !== n || x.lineAmount.length !== n || x.lineTs.length !== n) {
    throw new Error(`offer lines: arrays of different lengths (${n}, ${x.lineOffer.length}, ${x.lineAmount.length}, ${x.lineTs.length})`);
  }
  for (let i = 0; i < n; i++) {
    const c = x.lineCust[i],
      o = x.lineOffer[i];
    if (c < 0 || c >= x.nCustomers || o < -1 || o >= x.nOffers)
      throw new Error(`offer lines: line ${i} has customer ${c} / offer ${o} out of range`);
  }
}
