import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocate } from '../../src/rank/allocate.ts';
import { allocateExact } from '../../src/rank/allocateExact.ts';
import { DEFAULT_ALLOCATE_CONFIG, type Allocation, type AllocationInput, type AllocationLimits } from '../../src/rank/allocateTypes.ts';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function randomInstance(r: () => number, n: number, m: number, K: number): AllocationInput {
  const value = new Float64Array(n * m);
  for (let i = 0; i < value.length; i++) value[i] = r() < 0.15 ? -Infinity : Math.round(r() * 100) / 10;
  const maxOffers = Uint8Array.from({ length: n }, () => (r() < 0.2 ? Math.floor(r() * K) : K));
  return { nCustomers: n, nOffers: m, perCustomer: K, value, maxOffers };
}

/** Asserts every hard rule of a feasible allocation; returns its recomputed objective. */
function assertFeasible(x: AllocationInput, l: AllocationLimits, a: Allocation): number {
  const { nCustomers: n, nOffers: m, perCustomer: K } = x;
  const count = new Int32Array(m);
  const atPr = new Int32Array(m * K);
  let total = 0;
  for (let c = 0; c < n; c++) {
    const seen = new Set<number>();
    let ended = false;
    for (let r = 0; r < K; r++) {
      const o = a.offers[c * K + r];
      if (o < 0) {
        ended = true;
        continue;
      }
      assert.ok(!ended, 'offers are contiguous from priority 1');
      assert.ok(!seen.has(o), 'distinct offers per customer');
      seen.add(o);
      const v = x.value[c * m + o];
      assert.ok(Number.isFinite(v) && v >= 0, 'only assignable pairs');
      assert.equal(a.values[c * K + r], v);
      count[o]++;
      atPr[o * K + r]++;
      total += v;
    }
    assert.ok(seen.size <= (x.maxOffers ? Math.min(K, x.maxOffers[c]) : K), 'per-customer maximum');
  }
  for (let o = 0; o < m; o++) {
    if (l.maxCustomers) assert.ok(count[o] <= l.maxCustomers[o], `max of offer ${o}: ${count[o]} > ${l.maxCustomers[o]}`);
    const unmet = a.unmetMin.find((u) => u.offer === o);
    if (l.minCustomers && !unmet) assert.ok(count[o] >= l.minCustomers[o], `min of offer ${o}`);
    for (let r = 0; r < K; r++) {
      assert.equal(a.volume[o * K + r], atPr[o * K + r]);
      if (l.maxAtPriority) assert.ok(atPr[o * K + r] <= l.maxAtPriority[o * K + r], 'per-priority max');
    }
  }
  assert.ok(Math.abs(total - a.objective) < 1e-9);
  assert.ok(a.lost >= 0);
  assert.ok(a.upperBound >= a.objective - 1e-9, `bound ${a.upperBound} < objective ${a.objective}`);
  return total;
}

test("without limits the fast path is each customer's top-K, ordered by value then tie-break", () => {
  const x: AllocationInput = {
    nCustomers: 2,
    nOffers: 4,
    perCustomer: 2,
    value: Float64Array.from([1, 3, 3, -Infinity, 0, 0, 5, 0.5]),
    tieBreak: Int32Array.from([0, 1, 0, 0]),
  };
  const a = allocate(x);
  assert.equal(a.method, 'topK');
  assert.deepEqual([...a.offers], [2, 1, 2, 3], 'tie 3 = 3 broken by tieBreak (offer 2 first)');
  assert.deepEqual([...a.values], [3, 3, 5, 0.5]);
  assert.equal(a.objective, 11.5);
  assert.equal(a.unconstrained, 11.5);
  assert.equal(a.lost, 0);
  assert.deepEqual([...a.volume], [0, 0, 0, 1, 2, 0, 0, 1], 'offers × K');
});

test('fast path equals the exact optimum on random instances (masks, per-customer caps)', () => {
  const r = rng(7);
  for (let t = 0; t < 30; t++) {
    const x = randomInstance(r, 4, 4, 2);
    x.mask = Uint8Array.from({ length: 16 }, () => (r() < 0.9 ? 1 : 0));
    const a = allocate(x);
    assertFeasible(x, {}, a);
    assert.ok(Math.abs(a.objective - allocateExact(x).objective) < 1e-9);
  }
});

test('a tight max limit moves customers to their next best offer, globally', () => {
  // Both customers prefer offer 0; only one may have it. Customer 1 loses little by switching.
  const x: AllocationInput = { nCustomers: 2, nOffers: 2, perCustomer: 1, value: Float64Array.from([10, 1, 9, 8]) };
  const l = { maxCustomers: Float64Array.from([1, Infinity]) };
  const a = allocate(x, l);
  assert.equal(a.method, 'lagrangian');
  assert.deepEqual([...a.offers], [0, 1]);
  assert.equal(a.objective, 18);
  assert.equal(a.unconstrained, 19);
  assert.equal(a.lost, 1);
});

test('Lagrangian + repair is feasible and near-optimal against the exact reference', () => {
  const r = rng(11);
  let ratioSum = 0,
    runs = 0,
    worst = 1;
  for (let t = 0; t < 150; t++) {
    const n = 3 + Math.floor(r() * 2),
      m = 3 + Math.floor(r() * 2),
      K = 1 + Math.floor(r() * 2);
    const x = randomInstance(r, n, m, K);
    const l: AllocationLimits = {};
    if (r() < 0.8) l.maxCustomers = Float64Array.from({ length: m }, () => (r() < 0.6 ? Math.floor(r() * n) : Infinity));
    if (r() < 0.3) l.maxAtPriority = Float64Array.from({ length: m * K }, () => (r() < 0.5 ? Math.floor(r() * n) : Infinity));
    const cap = (o: number) => {
      let s = 0;
      for (let k = 0; k < K; k++) s += l.maxAtPriority?.[o * K + k] ?? Infinity;
      return Math.min(s, l.maxCustomers?.[o] ?? n);
    };
    if (r() < 0.4) l.minCustomers = Float64Array.from({ length: m }, (_, o) => (r() < 0.4 ? Math.min(1 + Math.floor(r() * 2), cap(o)) : 0));
    const a = allocate(x, l);
    const got = assertFeasible(x, l, a);
    const exact = allocateExact(x, l);
    if (exact.objective === -Infinity) continue; // infeasible minimums: only feasibility of the rest is checked
    assert.ok(got <= exact.objective + 1e-9, 'never above the optimum');
    assert.ok(a.upperBound >= exact.objective - 1e-6, `dual bound ${a.upperBound} below optimum ${exact.objective}`);
    if (a.unmetMin.length === 0) {
      const ratio = exact.objective > 0 ? got / exact.objective : 1;
      ratioSum += ratio;
      runs++;
      worst = Math.min(worst, ratio);
    }
  }
  const mean = ratioSum / runs;
  console.log(`near-optimality over ${runs} instances: mean ${mean.toFixed(4)}, worst ${worst.toFixed(4)}`);
  assert.ok(runs > 80);
  assert.ok(mean > 0.97, `mean ratio ${mean}`);
  assert.ok(worst > 0.75, `worst ratio ${worst}`);
});

test('minimum volumes are met when feasible, otherwise reported', () => {
  const x: AllocationInput = { nCustomers: 3, nOffers: 2, perCustomer: 1, value: Float64Array.from([5, 1, 5, 2, 5, -Infinity]) };
  const a = allocate(x, { minCustomers: Float64Array.from([0, 2]) });
  assert.deepEqual([...a.offers], [1, 1, 0], 'offer 1 goes to the two customers who can take it');
  assert.equal(a.objective, 8);
  assert.deepEqual(a.unmetMin, []);
  const b = allocate(x, { minCustomers: Float64Array.from([0, 3]) });
  assert.deepEqual(b.unmetMin, [{ offer: 1, required: 3, assigned: 2 }]);
});

test('per-priority limits reorder before they drop', () => {
  // Everyone ranks offer 0 first, but only one customer may see it at priority 1.
  const x: AllocationInput = { nCustomers: 2, nOffers: 2, perCustomer: 2, value: Float64Array.from([9, 1, 9, 1]) };
  const a = allocate(x, { maxAtPriority: Float64Array.from([1, Infinity, Infinity, Infinity]) });
  assert.deepEqual([...a.offers], [0, 1, 1, 0]);
  assert.equal(a.objective, 20);
  assert.equal(a.lost, 0);
});

test('bad limits are usage errors', () => {
  const x: AllocationInput = { nCustomers: 1, nOffers: 1, perCustomer: 1, value: Float64Array.from([1]) };
  assert.throws(
    () => allocate(x, { minCustomers: Float64Array.from([2]), maxCustomers: Float64Array.from([1]) }),
    /minimum 2 customers exceeds its maximum 1/,
  );
  assert.throws(() => allocate(x, { maxCustomers: Float64Array.from([-1]) }), /must be ≥ 0/);
  assert.throws(() => allocate({ ...x, perCustomer: 0 }), /1\.\.255/);
});

test('the sampled dual (n > sampleCustomers) stays feasible and within 1% of its own upper bound', () => {
  const r = rng(5);
  const n = 600,
    m = 6,
    K = 2;
  const x = randomInstance(r, n, m, K);
  const l: AllocationLimits = {
    maxCustomers: Float64Array.from([60, 80, Infinity, Infinity, 200, Infinity]),
    minCustomers: Float64Array.from([0, 0, 0, 150, 0, 0]),
  };
  const a = allocate(x, l, { ...DEFAULT_ALLOCATE_CONFIG, sampleCustomers: 100 });
  assertFeasible(x, l, a);
  assert.deepEqual(a.unmetMin, []);
  assert.ok(a.upperBound < a.unconstrained, `the limits bind: ${a.upperBound} vs ${a.unconstrained}, objective ${a.objective}`);
  assert.ok((a.upperBound - a.objective) / a.upperBound < 0.01, `gap ${(a.upperBound - a.objective) / a.upperBound}`);
});
