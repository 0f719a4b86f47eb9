// Exact reference allocation by exhaustive search, for tiny instances only (tests compare the
// Lagrangian allocation against it). Enumerates every ordered list of ≤ k_c distinct assignable
// offers per customer, depth-first over customers, pruning with the unconstrained per-customer
// optimum of the customers left. Cost ~ (Σ_{j≤K} m!/(m−j)!)^n: keep n·m small.
import { isAssignable, slotsOf, topKByValue } from './allocateTopK.ts';
import type { AllocationInput, AllocationLimits } from './allocateTypes.ts';

export interface ExactAllocation {
  /** Best objective, or −Infinity when no assignment meets the limits. */
  objective: number;
  /** Customers × K, priority order, −1 padded. */
  offers: Int32Array;
}

export function allocateExact(x: AllocationInput, limits: AllocationLimits = {}): ExactAllocation {
  const { nCustomers: n, nOffers: m, perCustomer: K, value } = x;
  const lists: number[][][] = [];
  for (let c = 0; c < n; c++) {
    const out: number[][] = [[]];
    const grow = (cur: number[]) => {
      if (cur.length === slotsOf(x, c)) return;
      for (let o = 0; o < m; o++) {
        if (cur.includes(o) || !isAssignable(x, c * m + o)) continue;
        const next = [...cur, o];
        out.push(next);
        grow(next);
      }
    };
    grow([]);
    lists.push(out);
  }
  // Optimistic bound: Σ over remaining customers of their unconstrained best.
  const sets = new Int32Array(n * K);
  topKByValue(x, sets);
  const tail = new Float64Array(n + 1);
  for (let c = n - 1; c >= 0; c--) {
    let s = 0;
    for (let r = 0; r < K; r++) if (sets[c * K + r] >= 0) s += value[c * m + sets[c * K + r]];
    tail[c] = tail[c + 1] + s;
  }
  const count = new Int32Array(m);
  const atPr = new Int32Array(m * K);
  const pick = new Int32Array(n);
  let best = -Infinity;
  let bestPick: Int32Array | null = null;
  const lo = limits.minCustomers,
    hi = limits.maxCustomers,
    pr = limits.maxAtPriority;
  const dfs = (c: number, acc: number) => {
    if (acc + tail[c] <= best) return;
    if (c === n) {
      for (let o = 0; o < m; o++) if (lo && count[o] < lo[o]) return;
      best = acc;
      bestPick = pick.slice();
      return;
    }
    for (let j = 0; j < lists[c].length; j++) {
      const l = lists[c][j];
      let ok = true,
        v = 0;
      for (let r = 0; r < l.length; r++) {
        const o = l[r];
        if ((hi && count[o] + 1 > hi[o]) || (pr && atPr[o * K + r] + 1 > pr[o * K + r])) ok = false;
        v += value[c * m + o];
      }
      if (!ok) continue;
      for (let r = 0; r < l.length; r++) {
        count[l[r]]++;
        atPr[l[r] * K + r]++;
      }
      pick[c] = j;
      dfs(c + 1, acc + v);
      for (let r = 0; r < l.length; r++) {
        count[l[r]]--;
        atPr[l[r] * K + r]--;
      }
    }
  };
  dfs(0, 0);
  const offers = new Int32Array(n * K).fill(-1);
  if (bestPick)
    for (let c = 0; c < n; c++)
      lists[c][(bestPick as Int32Array)[c]].forEach((o, r) => {
        offers[c * K + r] = o;
      });
  return { objective: best, offers };
}
