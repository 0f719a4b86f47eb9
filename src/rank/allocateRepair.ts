// Repair of a relaxed (priced) assignment into a feasible one, in three passes over the
// customers × K slot matrix (−1 = empty slot; order within a row does not matter here):
//  1. max: an offer above U_o loses the (count − U_o) holders for whom losing it costs least
//     (v_co − best alternative with spare capacity); each gets that alternative instead;
//  2. min: an offer below L_o is added where it costs least — an empty slot (gain v_co) or in
//     place of the customer's least valuable offer whose count stays ≥ its own minimum;
//  3. fill: empty slots take the best assignable offers that still have capacity.
// Max limits are never exceeded: offers are only added while count < U.
import { assignableIn, slotsOf, tieBreakOf } from './allocateTopK.ts';
import type { AllocationInput } from './allocateTypes.ts';
import { kthSmallest } from '../math/quickselect.ts';

export function repairAssignment(x: AllocationInput, offers: Int32Array, lower: Float64Array, upper: Float64Array): Int32Array {
  const { nCustomers: n, nOffers: m, perCustomer: K, value } = x;
  const ok = assignableIn(x); // local: module-binding calls are slow in hot loops
  const tb = tieBreakOf(x);
  const count = new Int32Array(m);
  for (let i = 0; i < offers.length; i++) if (offers[i] >= 0) count[offers[i]]++;

  const slotOf = (c: number, o: number) => {
    for (let s = 0; s < K; s++) if (offers[c * K + s] === o) return s;
    return -1;
  };
  const filled = (c: number) => {
    let f = 0;
    for (let s = 0; s < K; s++) if (offers[c * K + s] >= 0) f++;
    return f;
  };
  const better = (c: number, a: number, b: number) => {
    const va = value[c * m + a],
      vb = value[c * m + b];
    return va > vb || (va === vb && (tb[a] < tb[b] || (tb[a] === tb[b] && a < b)));
  };
  /** Best offer c does not hold that is assignable and below its max, or −1. O(K + m). */
  const mark = new Int32Array(m).fill(-1);
  const bestAlt = (c: number): number => {
    for (let s = 0; s < K; s++) {
      const q = offers[c * K + s];
      if (q >= 0) mark[q] = c;
    }
    let best = -1;
    for (let o = 0; o < m; o++) {
      if (mark[o] === c || count[o] >= upper[o] || !ok(c * m + o)) continue;
      if (best < 0 || better(c, o, best)) best = o;
    }
    for (let s = 0; s < K; s++) {
      const q = offers[c * K + s];
      if (q >= 0) mark[q] = -1;
    }
    return best;
  };
  const put = (c: number, slot: number, o: number) => {
    offers[c * K + slot] = o;
    count[o]++;
  };
  const take = (c: number, slot: number) => {
    count[offers[c * K + slot]]--;
    offers[c * K + slot] = -1;
  };

  // 1. max limits. Over-cap offers receive no alternates (those need count < U), so one pass
  // listing their holders up front stays exact while they are repaired.
  const over: number[] = [];
  for (let o = 0; o < m; o++) if (count[o] > upper[o]) over.push(o);
  const holders = over.map((o) => new Int32Array(count[o]));
  if (over.length) {
    const at = new Int32Array(m).fill(-1);
    over.forEach((o, j) => {
      at[o] = j;
    });
    const fill = new Int32Array(over.length);
    for (let i = 0; i < offers.length; i++) {
      const o = offers[i];
      if (o >= 0 && at[o] >= 0) holders[at[o]][fill[at[o]]++] = (i / K) | 0;
    }
  }
  over.forEach((o, j) => {
    const hs = holders[j];
    const loss = new Float64Array(hs.length);
    for (let h = 0; h < hs.length; h++) {
      const c = hs[h];
      const alt = bestAlt(c);
      loss[h] = value[c * m + o] - (alt >= 0 ? value[c * m + alt] : 0);
    }
    for (const h of cheapestFirst(loss, count[o] - upper[o])) {
      const c = hs[h];
      const s = slotOf(c, o);
      take(c, s);
      const alt = bestAlt(c);
      if (alt >= 0) put(c, s, alt);
    }
  });

  // 2. min limits
  for (let o = 0; o < m; o++) {
    if (count[o] >= lower[o]) continue;
    let drop = -1; // set by lossOf: the slot to give up, −1 = an empty slot
    /** Cost of giving c offer o now, NaN when c cannot take it. */
    const lossOf = (c: number): number => {
      if (slotOf(c, o) >= 0 || !ok(c * m + o)) return NaN;
      const kc = slotsOf(x, c);
      if (kc === 0) return NaN;
      const v = value[c * m + o];
      drop = -1;
      if (filled(c) < kc) return -v;
      for (let s = 0; s < K; s++) {
        const q = offers[c * K + s];
        if (q < 0 || count[q] <= lower[q]) continue;
        if (drop < 0 || better(c, offers[c * K + drop], q)) drop = s;
      }
      return drop < 0 ? NaN : value[c * m + offers[c * K + drop]] - v;
    };
    const cand = new Int32Array(n);
    const losses = new Float64Array(n);
    let nc = 0;
    for (let c = 0; c < n; c++) {
      const l = lossOf(c);
      if (!Number.isNaN(l)) {
        cand[nc] = c;
        losses[nc++] = l;
      }
    }
    // Cheapest candidates first; only a window a little larger than the deficit is sorted
    // (re-verification can reject some), widened while it runs out.
    const tried = new Uint8Array(nc);
    let window = Math.min(nc, 2 * (lower[o] - count[o]) + 16);
    for (let last = nc === 0; !last && count[o] < lower[o] && count[o] < upper[o];) {
      const thr = kthSmallest(losses.subarray(0, nc), window - 1);
      const pick: number[] = [];
      for (let j = 0; j < nc; j++) if (losses[j] <= thr && !tried[j]) pick.push(j);
      pick.sort((a, b) => losses[a] - losses[b] || cand[a] - cand[b]);
      for (const j of pick) {
        tried[j] = 1;
        if (count[o] >= lower[o] || count[o] >= upper[o]) break;
        const c = cand[j];
        if (Number.isNaN(lossOf(c))) continue; // re-verify: earlier moves may have used up a droppable offer
        if (drop >= 0) {
          take(c, drop);
          put(c, drop, o);
        } else put(c, offers.subarray(c * K, c * K + K).indexOf(-1), o);
      }
      last = window >= nc;
      window = Math.min(nc, window * 2);
    }
  }

  // 3. fill empty slots
  for (let c = 0; c < n; c++) {
    const kc = slotsOf(x, c);
    for (let f = filled(c); f < kc; f++) {
      const alt = bestAlt(c);
      if (alt < 0) break;
      put(c, offers.subarray(c * K, c * K + K).indexOf(-1), alt);
    }
  }
  return count;
}

/** Indices of the k smallest losses (ties: lower index first), in ascending index order. */
function cheapestFirst(loss: Float64Array, k: number): number[] {
  if (k <= 0) return [];
  const thr = kthSmallest(loss, k - 1);
  let below = 0;
  for (let j = 0; j < loss.length; j++) if (loss[j] < thr) below++;
  let atThr = k - below;
  const out: number[] = [];
  for (let j = 0; j < loss.length; j++) {
    if (loss[j] < thr) out.push(j);
    else if (loss[j] === thr && atThr > 0) {
      out.push(j);
      atThr--;
    }
  }
  return out;
}
