// Per-customer top-K: the exact optimum when no offer limits apply, and the building block of
// the Lagrangian step (top-K of reduced values v − λ). O(n·m·K) with K-slot insertion, no allocation
// per customer.
import type { AllocationInput } from './allocateTypes.ts';

/** Assignable: finite, ≥ 0 and not masked out. */
export function isAssignable(x: AllocationInput, i: number): boolean {
  const v = x.value[i];
  return v >= 0 && v !== Infinity && (!x.mask || x.mask[i] !== 0);
}

/** A local assignability test over x's arrays: (pair index) → boolean. */
export function assignableIn(x: AllocationInput): (i: number) => boolean {
  const { value, mask } = x;
  return mask
    ? (i) => {
        const v = value[i];
        return v >= 0 && v !== Infinity && mask[i] !== 0;
      }
    : (i) => {
        const v = value[i];
        return v >= 0 && v !== Infinity;
      };
}

/** Per-customer slot budget: min(K, maxOffers[c]). */
export function slotsOf(x: AllocationInput, c: number): number {
  return x.maxOffers ? Math.min(x.perCustomer, x.maxOffers[c]) : x.perCustomer;
}

/** Offer tie-break ranks (given, or 0 for all so the offer index decides). */
export function tieBreakOf(x: AllocationInput): Int32Array {
  return x.tieBreak ?? new Int32Array(x.nOffers);
}

/**
 * Top-K of v − price (price = 0 when omitted) per customer, only pairs with v − price > 0 or, with
 * no price, v ≥ 0. Writes offers (−1 padded) in priority order into `offers` (customers × K) and
 * returns Σ of the raw values taken.
 */
export function topKByValue(x: AllocationInput, offers: Int32Array, price?: Float64Array): number {
  // Hot loop: everything is a local (calls through module bindings cost more than the work).
  const { nCustomers: n, nOffers: m, perCustomer: K, value, mask, maxOffers } = x;
  const tb = tieBreakOf(x);
  const pr = price ?? new Float64Array(m);
  const strict = price !== undefined;
  const bo = new Int32Array(K),
    br = new Float64Array(K);
  let total = 0;
  for (let c = 0; c < n; c++) {
    const kc = maxOffers ? Math.min(K, maxOffers[c]) : K;
    let len = 0;
    const row = c * m;
    for (let o = 0; kc > 0 && o < m; o++) {
      const i = row + o;
      const v = value[i];
      if (!(v >= 0) || v === Infinity || (mask !== undefined && mask[i] === 0)) continue;
      const r = v - pr[o];
      if (strict && !(r > 0)) continue;
      // Insert (r, o) into the sorted buffer of length ≤ kc: better = higher r, then lower tieBreak, then lower index.
      let p = len;
      if (len === kc) {
        const last = br[kc - 1];
        if (!(r > last || (r === last && tb[o] < tb[bo[kc - 1]]))) continue;
        p = kc - 1;
      } else len++;
      while (p > 0 && (r > br[p - 1] || (r === br[p - 1] && tb[o] < tb[bo[p - 1]]))) {
        br[p] = br[p - 1];
        bo[p] = bo[p - 1];
        p--;
      }
      br[p] = r;
      bo[p] = o;
    }
    const out = c * K;
    for (let s = 0; s < K; s++) {
      if (s < len) {
        offers[out + s] = bo[s];
        total += value[row + bo[s]];
      } else offers[out + s] = -1;
    }
  }
  return total;
}
