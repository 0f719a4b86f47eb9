// Lagrangian dual of the offer volume limits L_o ≤ count_o ≤ U_o. With one price λ_o per offer,
// the relaxed problem splits by customer: each takes its top-k_c offers by reduced value v − λ_o
// (only when v − λ_o > 0). Dual function (an upper bound on the constrained optimum for any λ):
//   D(λ) = Σ_c Σ_{top k_c} max(0, v_co − λ_o) + Σ_o (λ_o > 0 ? λ_o·U_o : λ_o·L_o).
// Each step is an exact line search per offer, done for all offers at once (Jacobi, damped):
// customer c takes o iff v_co − λ_o > t_co, where t_co = max(0, k_c-th best reduced value among
// the other offers) does not depend on λ_o. So with margins μ_co = v_co − t_co, demand(λ_o) =
// #{c : μ_co > λ_o}, and the price that makes demand hit the violated bound is a quantile of μ_·o
// (the bisection on λ_o solved in closed form). Margins > 0 are all a max-limit needs; offers
// with a min limit keep every finite margin.
import { assignableIn, tieBreakOf } from './allocateTopK.ts';
import type { AllocateConfig, AllocationInput } from './allocateTypes.ts';
import { kthSmallestInPlace } from '../math/quickselect.ts';

export interface DualPrices {
  price: Float64Array;
  /** min over iterations of D(λ). */
  upperBound: number;
  iterations: number;
}

export function pricesFromDual(x: AllocationInput, lower: Float64Array, upper: Float64Array, cfg: AllocateConfig): DualPrices {
  const { nCustomers: n, nOffers: m } = x;
  const price = new Float64Array(m);
  const constrained: number[] = [];
  for (let o = 0; o < m; o++) if (upper[o] < n || lower[o] > 0) constrained.push(o);
  if (constrained.length === 0) return { price, upperBound: Infinity, iterations: 0 };
  let iterations = 0;
  const sub = n > cfg.sampleCustomers ? sampleOf(x, cfg.sampleCustomers) : x;
  // Typical assignable value (from the sample), the unit of the convergence tolerance.
  const ok = assignableIn(sub);
  let scale = 0,
    cnt = 0;
  for (let i = 0; i < sub.value.length; i++)
    if (ok(i)) {
      scale += sub.value[i];
      cnt++;
    }
  scale = cnt ? Math.max(scale / cnt, 1e-12) : 1;
  if (sub !== x) {
    // Prices are quantiles of per-customer margins, so a systematic sample with the limits scaled
    // by s/n estimates them well; full passes then correct the sampling error and give the bound.
    const f = cfg.sampleCustomers / n;
    const lo = lower.map((v) => v * f),
      hi = upper.map((v) => v * f);
    iterations += dualSteps(sub, lo, hi, price, constrained, cfg.maxIterations, cfg, true, scale).iterations;
    const full = dualSteps(x, lower, upper, price, constrained, cfg.fullIterations, cfg, true, scale);
    return { price, upperBound: full.upperBound, iterations: iterations + full.iterations };
  }
  return dualSteps(x, lower, upper, price, constrained, cfg.maxIterations, cfg, true, scale);
}

/** Every (n/s)-th customer's rows: a deterministic systematic sample. */
function sampleOf(x: AllocationInput, s: number): AllocationInput {
  const { nCustomers: n, nOffers: m } = x;
  const value = new Float64Array(s * m);
  const mask = x.mask ? new Uint8Array(s * m) : undefined;
  const maxOffers = x.maxOffers ? new Uint8Array(s) : undefined;
  for (let j = 0; j < s; j++) {
    const c = Math.floor((j * n) / s);
    value.set(x.value.subarray(c * m, c * m + m), j * m);
    if (mask) mask.set(x.mask!.subarray(c * m, c * m + m), j * m);
    if (maxOffers) maxOffers[j] = x.maxOffers![c];
  }
  return { ...x, nCustomers: s, value, mask, maxOffers };
}

/** Up to `steps` damped Jacobi line-search steps on `price` (in place); D(λ) is evaluated at each. */
function dualSteps(
  x: AllocationInput,
  lower: Float64Array,
  upper: Float64Array,
  price: Float64Array,
  constrained: number[],
  steps: number,
  cfg: AllocateConfig,
  fullFirstStep: boolean,
  scale: number,
): DualPrices {
  const { nCustomers: n, nOffers: m, perCustomer: K, value } = x;
  const tb = tieBreakOf(x);
  // Margin buffers per constrained offer (float32 halves the memory; prices need no more).
  const buf = constrained.map(() => new Float32Array(n));
  const len = new Int32Array(constrained.length);
  const bo = new Int32Array(K + 1),
    br = new Float64Array(K + 1);
  let best = Infinity;
  let it = 0;
  const { mask, maxOffers } = x;
  const nCon = constrained.length;
  const conOffers = Int32Array.from(constrained);
  const lowerPos = Uint8Array.from(constrained, (o) => (lower[o] > 0 ? 1 : 0));
  const inTop = new Int32Array(m).fill(-1); // inTop[o] === c ⇔ o is in customer c's top k_c
  for (; it < steps; it++) {
    len.fill(0);
    let dual = 0;
    for (let c = 0; c < n; c++) {
      const kc = maxOffers ? Math.min(K, maxOffers[c]) : K;
      if (kc === 0) continue;
      const cap = kc + 1;
      let l = 0;
      const row = c * m;
      for (let o = 0; o < m; o++) {
        const i = row + o;
        const v = value[i];
        if (!(v >= 0) || v === Infinity || (mask !== undefined && mask[i] === 0)) continue;
        const r = v - price[o];
        let p = l;
        if (l === cap) {
          const last = br[cap - 1];
          if (!(r > last || (r === last && tb[o] < tb[bo[cap - 1]]))) continue;
          p = cap - 1;
        } else l++;
        while (p > 0 && (r > br[p - 1] || (r === br[p - 1] && tb[o] < tb[bo[p - 1]]))) {
          br[p] = br[p - 1];
          bo[p] = bo[p - 1];
          p--;
        }
        br[p] = r;
        bo[p] = o;
      }
      const top = l < kc ? l : kc;
      for (let s = 0; s < top; s++) {
        if (br[s] > 0) dual += br[s];
        inTop[bo[s]] = c;
      }
      // k_c-th best among the others: the (k_c+1)-th overall if o is in the top k_c, else the k_c-th.
      const kth = l >= kc && br[kc - 1] > 0 ? br[kc - 1] : 0;
      const next = l > kc && br[kc] > 0 ? br[kc] : 0;
      for (let j = 0; j < nCon; j++) {
        const o = conOffers[j];
        const i = row + o;
        const v = value[i];
        if (!(v >= 0) || v === Infinity || (mask !== undefined && mask[i] === 0)) continue;
        const mu = v - (inTop[o] === c ? next : kth);
        if (mu > 0 || lowerPos[j]) buf[j][len[j]++] = mu;
      }
    }
    for (let o = 0; o < m; o++) dual += price[o] > 0 ? price[o] * upper[o] : price[o] * lower[o];
    if (dual < best) best = dual;
    let moved = 0;
    for (let j = 0; j < constrained.length; j++) {
      const o = constrained[j];
      const target = priceForDemand(buf[j], len[j], lower[o], upper[o]);
      const step = it === 0 && fullFirstStep ? 1 : cfg.damping;
      const next = price[o] + step * (target - price[o]);
      moved = Math.max(moved, Math.abs(next - price[o]));
      price[o] = next;
    }
    if (moved < cfg.tolerance * scale) {
      it++;
      break;
    }
  }
  return { price, upperBound: best, iterations: it };
}

/**
 * λ such that #{μ > λ} lands inside [L, U]: 0 when demand at λ = 0 already does, else the
 * midpoint between the U-th and (U+1)-th (or L-th and (L+1)-th) largest margin. Reorders mu.
 */
export function priceForDemand(mu: Float32Array, len: number, lower: number, upper: number): number {
  // Demand is a count: a fractional (scaled) limit rounds toward feasibility.
  const L = Math.ceil(lower),
    U = Math.floor(upper);
  let d0 = 0;
  for (let i = 0; i < len; i++) if (mu[i] > 0) d0++;
  const kthLargest = (k: number) => (k >= 1 && k <= len ? kthSmallestInPlace(mu, len, len - k) : -Infinity);
  if (d0 > U) return U === 0 ? kthLargest(1) : (kthLargest(U) + kthLargest(U + 1)) / 2; // demand counts μ > λ strictly
  if (d0 < L) {
    const a = kthLargest(L);
    if (a === -Infinity) {
      // Fewer eligible customers than the minimum: price so that all of them take the offer.
      let lo = 0;
      for (let i = 0; i < len; i++) if (mu[i] < lo) lo = mu[i];
      return lo - 1;
    }
    const b = kthLargest(L + 1);
    return b === -Infinity ? a - Math.max(1, Math.abs(a)) : (a + b) / 2;
  }
  return 0;
}
