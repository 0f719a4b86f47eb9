// Shapes of the allocation problem: up to K distinct offers per customer, priority 1 = highest
// value, maximising Σ value subject to per-offer volume limits and per-(offer, priority) limits.
// Matrices are row-major: value is customers × offers, results are customers × K.

export interface AllocationInput {
  nCustomers: number;
  nOffers: number;
  /** K: offers per customer at most. */
  perCustomer: number;
  /** Value per (customer, offer); a pair is assignable iff its value is finite and ≥ 0 (−Infinity = ineligible). */
  value: Float64Array;
  /** Optional eligibility mask, customers × offers (0 = not assignable). */
  mask?: Uint8Array;
  /** Optional per-customer maximum (≤ K), e.g. from frequency caps. */
  maxOffers?: Uint8Array;
  /** Per offer: lower ranks first when values tie, then the offer index. */
  tieBreak?: Int32Array;
}

export interface AllocationLimits {
  /** Per offer: at least this many customers (0 = none). */
  minCustomers?: Float64Array;
  /** Per offer: at most this many customers (Infinity = none). */
  maxCustomers?: Float64Array;
  /** Offers × K: at most this many customers with offer o at priority r + 1 (Infinity = none). */
  maxAtPriority?: Float64Array;
}

export interface AllocateConfig {
  /** Dual (price) iterations at most. */
  maxIterations: number;
  /** Stop when every price moves less than this fraction of the mean assignable value. */
  tolerance: number;
  /** Step toward each offer's exact line-search price after the first iteration (Jacobi damping). */
  damping: number;
  /** Above this many customers, prices are first solved on a systematic sample of this size. */
  sampleCustomers: number;
  /** Full-data steps after the sample's (they also give the reported upper bound). */
  fullIterations: number;
}

export const DEFAULT_ALLOCATE_CONFIG: AllocateConfig = {
  maxIterations: 30, // the dual usually settles in 5–15 steps; the repair absorbs the rest
  tolerance: 1e-4, // prices within 0.01% of a typical value change no assignment that matters
  damping: 0.7, // partial steps stop substitute offers from trading customers back and forth
  sampleCustomers: 50_000, // quantile error ~0.2% of a limit at this size; the repair absorbs it
  fullIterations: 1, // one full pass corrects the sample's error (gap ≤ 0.01% at 1M × 25) and gives the bound
};

export interface Allocation {
  perCustomer: number;
  /** Customers × K: offer index at priority r + 1, −1 where empty (a customer's offers are contiguous from priority 1). */
  offers: Int32Array;
  /** Customers × K: the value of that assignment, NaN where empty. */
  values: Float64Array;
  /** Σ assigned values. */
  objective: number;
  /** Σ of each customer's top-K values ignoring offer limits: the optimum without limits. */
  unconstrained: number;
  /** unconstrained − objective (≥ 0): what the limits cost. */
  lost: number;
  /** A Lagrangian upper bound on the constrained optimum (= unconstrained without limits or with a minimum unmet). */
  upperBound: number;
  /** Offers × K: customers receiving offer o at priority r + 1. */
  volume: Int32Array;
  /** Offers whose minimum could not be met. */
  unmetMin: { offer: number; required: number; assigned: number }[];
  method: 'topK' | 'lagrangian';
  iterations: number;
}
