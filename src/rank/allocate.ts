// Global constrained allocation of offers to customers (TOR step 4). Without limits the optimum is
// each customer's top-K (fast path). With limits: Lagrangian prices on the offer volume limits
// (allocatePrices), the priced top-K as the relaxed solution, a repair to feasibility
// (allocateRepair), then priorities under the per-priority limits (allocatePriorities).
// Reported: objective, the unconstrained optimum, the value the limits cost, a dual upper bound.
import { UserError } from '../domain/errors.ts';
import { pricesFromDual } from './allocatePrices.ts';
import { fillUnderPriorityLimits, prioritiesFromSets } from './allocatePriorities.ts';
import { repairAssignment } from './allocateRepair.ts';
import { topKByValue } from './allocateTopK.ts';
import {
  DEFAULT_ALLOCATE_CONFIG,
  type AllocateConfig,
  type Allocation,
  type AllocationInput,
  type AllocationLimits,
} from './allocateTypes.ts';

export function allocate(x: AllocationInput, limits: AllocationLimits = {}, cfg: AllocateConfig = DEFAULT_ALLOCATE_CONFIG): Allocation {
  const { nCustomers: n, nOffers: m, perCustomer: K } = x;
  checkShapes(x, limits);
  const sets = new Int32Array(n * K);
  const unconstrained = topKByValue(x, sets);

  const lower = new Float64Array(m);
  const upper = new Float64Array(m).fill(Infinity);
  let limited = false;
  for (let o = 0; o < m; o++) {
    const lo = limits.minCustomers?.[o] ?? 0;
    let hi = limits.maxCustomers?.[o] ?? Infinity;
    let why = 'maximum';
    if (limits.maxAtPriority) {
      let sum = 0;
      for (let r = 0; r < K; r++) {
        const v = limits.maxAtPriority[o * K + r];
        sum += v;
        if (v < n) limited = true;
      }
      if (sum < hi) {
        hi = sum;
        why = 'total of per-priority maximums';
      } // at most Σ_r of them can hold the offer
    }
    if (lo > hi) throw new UserError(`offer #${o}: minimum ${lo} customers exceeds its ${why} ${hi}`);
    lower[o] = lo;
    upper[o] = hi;
    if (lo > 0 || hi < n) limited = true;
  }
  if (!limited) {
    const p = prioritiesFromSets(x, sets);
    return { perCustomer: K, ...p, unconstrained, lost: 0, upperBound: unconstrained, unmetMin: [], method: 'topK', iterations: 0 };
  }

  const dual = pricesFromDual(x, lower, upper, cfg);
  topKByValue(x, sets, dual.price);
  repairAssignment(x, sets, lower, upper);
  const p = prioritiesFromSets(x, sets, limits.maxAtPriority);
  if (limits.maxAtPriority) fillUnderPriorityLimits(x, p, upper, limits.maxAtPriority);
  const unmetMin: Allocation['unmetMin'] = [];
  for (let o = 0; o < m; o++) {
    let got = 0;
    for (let r = 0; r < K; r++) got += p.volume[o * K + r];
    if (got < lower[o]) unmetMin.push({ offer: o, required: lower[o], assigned: got });
  }
  return {
    perCustomer: K,
    ...p,
    unconstrained,
    lost: Math.max(0, unconstrained - p.objective),
    // With a minimum unmet there may be no feasible allocation at all (the dual is then unbounded
    // below), so the only honest bound is the unconstrained optimum.
    upperBound: unmetMin.length ? unconstrained : Math.min(dual.upperBound, unconstrained),
    unmetMin,
    method: 'lagrangian',
    iterations: dual.iterations,
  };
}

function checkShapes(x: AllocationInput, l: AllocationLimits): void {
  const { nCustomers: n, nOffers: m, perCustomer: K } = x;
  const expect = (a: { length: number } | undefined, len: number, what: string) => {
    if (a && a.length !== len) throw new Error(`allocate: ${what} has ${a.length} entries, expected ${len}`);
  };
  if (!(Number.isInteger(K) && K >= 1 && K <= 255)) throw new UserError(`offers per customer must be 1..255, got ${K}`);
  expect(x.value, n * m, 'value');
  expect(x.mask, n * m, 'mask');
  expect(x.maxOffers, n, 'maxOffers');
  expect(x.tieBreak, m, 'tieBreak');
  expect(l.minCustomers, m, 'minCustomers');
  expect(l.maxCustomers, m, 'maxCustomers');
  expect(l.maxAtPriority, m * K, 'maxAtPriority');
  for (const [name, a] of [
    ['minimum', l.minCustomers],
    ['maximum', l.maxCustomers],
    ['per-priority maximum', l.maxAtPriority],
  ] as const) {
    if (a) for (let i = 0; i < a.length; i++) if (!(a[i] >= 0)) throw new UserError(`offer limits: ${name} must be ≥ 0, got ${a[i]}`);
  }
}
