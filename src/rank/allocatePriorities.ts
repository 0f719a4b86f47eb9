// Priorities within a customer: assigned offers ordered by value (ties: offer tie-break, then
// index). With per-(offer, priority) limits, each customer's slots are filled in turn with the most
// valuable remaining offer whose (offer, priority) count is below its limit; an offer that fits no
// remaining priority is dropped (counted, so the caller can report unmet minimums). Values do not
// depend on the priority, so reordering costs nothing; only drops lose value.
import { assignableIn, slotsOf, tieBreakOf } from './allocateTopK.ts';
import type { AllocationInput } from './allocateTypes.ts';

export interface Prioritised {
  /** Customers × K, priority order, −1 padded at the end. */
  offers: Int32Array;
  values: Float64Array;
  /** Offers × K. */
  volume: Int32Array;
  objective: number;
}

export function prioritiesFromSets(x: AllocationInput, sets: Int32Array, maxAtPriority?: Float64Array): Prioritised {
  const { nCustomers: n, nOffers: m, perCustomer: K, value } = x;
  const tb = tieBreakOf(x);
  const offers = new Int32Array(n * K).fill(-1);
  const values = new Float64Array(n * K).fill(NaN);
  const volume = new Int32Array(m * K);
  const row = new Int32Array(K);
  let objective = 0;
  for (let c = 0; c < n; c++) {
    // Sort this customer's set (≤ K entries) by value, insertion sort.
    let len = 0;
    for (let s = 0; s < K; s++) {
      const o = sets[c * K + s];
      if (o < 0) continue;
      const v = value[c * m + o];
      let p = len++;
      while (p > 0) {
        const q = row[p - 1],
          vq = value[c * m + q];
        if (v > vq || (v === vq && (tb[o] < tb[q] || (tb[o] === tb[q] && o < q)))) {
          row[p] = q;
          p--;
        } else break;
      }
      row[p] = o;
    }
    let r = 0;
    if (!maxAtPriority) {
      for (; r < len; r++) place(c, r, row[r]);
    } else {
      // Greedy slot filling under the per-priority limits.
      let left = len;
      while (left > 0 && r < K) {
        let pick = -1;
        for (let j = 0; j < len; j++) {
          const o = row[j];
          if (o >= 0 && volume[o * K + r] < maxAtPriority[o * K + r]) {
            pick = j;
            break;
          }
        }
        if (pick < 0) break;
        place(c, r++, row[pick]);
        row[pick] = -1;
        left--;
      }
    }
  }
  return { offers, values, volume, objective };

  function place(c: number, r: number, o: number) {
    offers[c * K + r] = o;
    const v = value[c * m + o];
    values[c * K + r] = v;
    volume[o * K + r]++;
    objective += v;
  }
}

/**
 * After per-priority drops: customers with free slots take, at their next priority, the most
 * valuable assignable offer they lack whose volume and (offer, priority) count are both below
 * their limits. Updates p in place.
 */
export function fillUnderPriorityLimits(x: AllocationInput, p: Prioritised, upper: Float64Array, maxAtPriority: Float64Array): void {
  const { nCustomers: n, nOffers: m, perCustomer: K, value } = x;
  const ok = assignableIn(x); // local: module-binding calls are slow in hot loops
  const tb = tieBreakOf(x);
  const count = new Float64Array(m);
  for (let o = 0; o < m; o++) for (let r = 0; r < K; r++) count[o] += p.volume[o * K + r];
  for (let c = 0; c < n; c++) {
    const kc = slotsOf(x, c);
    let r = 0;
    while (r < K && p.offers[c * K + r] >= 0) r++;
    for (; r < kc; r++) {
      let best = -1;
      for (let o = 0; o < m; o++) {
        if (count[o] >= upper[o] || p.volume[o * K + r] >= maxAtPriority[o * K + r] || !ok(c * m + o)) continue;
        if (p.offers.subarray(c * K, c * K + r).includes(o)) continue;
        const v = value[c * m + o],
          vb = best < 0 ? -1 : value[c * m + best];
        if (best < 0 || v > vb || (v === vb && tb[o] < tb[best])) best = o;
      }
      if (best < 0) break;
      p.offers[c * K + r] = best;
      p.values[c * K + r] = value[c * m + best];
      p.volume[best * K + r]++;
      count[best]++;
      p.objective += value[c * m + best];
    }
  }
}
