// armComparison end to end on a hand-worked seven-contact experiment, its edge cases and its speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { armComparison, type ArmComparisonInput } from '../../src/evaluate/experiment/armComparison.ts';
import { Rng } from '../../src/generate/prng.ts';

const close = (a: number | null, b: number, eps = 1e-9) => assert.ok(a !== null && Math.abs(a - b) <= eps, `${a} != ${b} (±${eps})`);

// Treatment: 4 contacts, 2 convert (revenue 10 in 1 order, 20 in 2 orders), 1 takes up the offer, 2 churn.
// Control:   3 contacts, 1 converts (revenue 6 in 1 order), 1 churns.
const tiny = (): ArmComparisonInput => ({
  treated: Uint8Array.from([1, 1, 1, 1, 0, 0, 0]),
  converted: Uint8Array.from([1, 1, 0, 0, 1, 0, 0]),
  uptake: Uint8Array.from([1, 0, 0, 0, 0, 0, 0]),
  revenue: Float64Array.from([10, 20, 0, 0, 6, 0, 0]),
  orders: Float64Array.from([1, 2, 0, 0, 1, 0, 0]),
  churned: Uint8Array.from([0, 0, 1, 1, 0, 1, 0]),
  cost: 2,
});

test('armComparison: hand-worked seven contacts', () => {
  const c = armComparison(tiny());
  assert.equal(c.contacts_treatment, 4);
  assert.equal(c.contacts_control, 3);
  // Conversion 2/4 vs 1/3. Wilson 2/4 = (0.150040, 0.849960), 1/3 = (0.061492, 0.792338);
  // Newcombe: 1/6 − √(0.349960² + 0.459005²) = −0.410534, 1/6 + √(0.349960² + 0.271841²) = 0.609804.
  close(c.conversion_treatment, 0.5);
  close(c.conversion_control, 1 / 3);
  close(c.incremental_conversion, 1 / 6);
  close(c.ci_low, -0.4105336413957044);
  close(c.ci_high, 0.6098037218501158);
  // Pooled: p̄ = 3/7, se = √(3/7·4/7·(1/4 + 1/3)) = 0.377964, z = 0.440959, p = 0.659243.
  close(c.p_value, 0.6592430036926307);
  close(c.incremental_uptake, 0.25);
  close(c.uptake_ci_low, -0.3475478931541872);
  close(c.uptake_ci_high, 0.6993581574175981);
  close(c.incremental_churn, 0.5 - 1 / 3);
  // Revenue per contact 7.5 vs 2 (s² = 275/3 and 12): SciPy ttest_ind(equal_var=False) → p 0.349453, ν 3.957803,
  // 95 % CI (−8.965322, 19.965322).
  close(c.revenue_per_contact_treatment, 7.5);
  close(c.revenue_per_contact_control, 2);
  close(c.incremental_revenue_per_contact, 5.5);
  close(c.revenue_ci_low, -8.965321947963913, 1e-8);
  close(c.revenue_ci_high, 19.965321947963915, 1e-8);
  close(c.revenue_p_value, 0.34945320866343155, 1e-9);
  // Incremental revenue = per contact × 4 treated contacts.
  close(c.incremental_revenue, 22);
  close(c.incremental_revenue_ci_low, 4 * -8.965321947963913, 1e-7);
  // AOV = Σrevenue/Σorders: 30/3 = 10 vs 6/1 = 6.
  close(c.aov_treatment, 10);
  close(c.aov_control, 6);
  close(c.aov_difference, 4);
  assert.ok(c.aov_ci_low! <= 4 && 4 <= c.aov_ci_high!);
  // Lift 0.5/(1/3) − 1 = 0.5; Katz se = √(0.5/2 + (2/3)/1) = 0.957427 → 1.5·exp(∓1.959964·0.957427) − 1.
  close(c.relative_lift, 0.5);
  close(c.lift_ci_low, -0.7703175418934415);
  close(c.lift_ci_high, 8.79613340325772, 1e-8);
  // ROI = (22 − 2·4)/(2·4) = 1.75 = 5.5/2 − 1; bounds map the same way.
  close(c.roi, 1.75);
  close(c.roi_ci_low, -8.965321947963913 / 2 - 1, 1e-8);
  close(c.roi_ci_high, 19.965321947963915 / 2 - 1, 1e-8);
});

test('armComparison: confidence option, no cost, seeded bootstrap', () => {
  const c90 = armComparison({ ...tiny(), cost: null, options: { confidence: 0.9 } });
  close(c90.revenue_ci_low, -5.594261604869999, 1e-8); // SciPy 90 % interval
  close(c90.revenue_ci_high, 16.594261604869992, 1e-8);
  assert.deepEqual([c90.roi, c90.roi_ci_low, c90.roi_ci_high], [null, null, null]);
  const a = armComparison({ ...tiny(), options: { seed: 7 } });
  const b = armComparison({ ...tiny(), options: { seed: 7 } });
  assert.equal(a.aov_ci_low, b.aov_ci_low);
  assert.equal(a.aov_ci_high, b.aov_ci_high);
  const none = armComparison({ ...tiny(), options: { bootstrap: 0 } });
  assert.deepEqual([none.aov_ci_low, none.aov_ci_high], [null, null]);
  close(none.aov_difference, 4);
});

test('armComparison: an empty control arm gives nulls, not NaN', () => {
  const c = armComparison({ ...tiny(), treated: new Uint8Array(7).fill(1) });
  assert.equal(c.contacts_control, 0);
  for (const [k, v] of Object.entries(c)) assert.ok(v === null || Number.isFinite(v), `${k} = ${v}`);
  assert.equal(c.incremental_conversion, null);
  assert.equal(c.revenue_ci_low, null);
  assert.equal(c.aov_difference, null);
  assert.equal(c.relative_lift, null);
  assert.equal(c.conversion_treatment, 3 / 7);
});

test('armComparison: bad input names the array, the index and the reason', () => {
  assert.throws(() => armComparison({ ...tiny(), orders: new Float64Array(3) }), /orders has 3 values, treated has 7/);
  const twos = tiny();
  twos.converted[5] = 2;
  assert.throws(() => armComparison(twos), /converted\[5\] = 2, expected 0 or 1/);
  const nan = tiny();
  nan.revenue[2] = NaN;
  assert.throws(() => armComparison(nan), /revenue\[2\] = NaN is not finite/);
  assert.throws(() => armComparison({ ...tiny(), options: { confidence: 95 } }), /confidence 95/);
});

test('armComparison: 200k contacts with a 1,000-resample bootstrap well under a second', () => {
  const n = 200_000;
  const r = Rng.from(11);
  const x = {
    treated: new Uint8Array(n),
    converted: new Uint8Array(n),
    uptake: new Uint8Array(n),
    revenue: new Float64Array(n),
    orders: new Float64Array(n),
    churned: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    x.treated[i] = r.chance(0.9) ? 1 : 0;
    x.converted[i] = r.chance(0.03 + 0.01 * x.treated[i]) ? 1 : 0;
    if (x.converted[i]) {
      x.orders[i] = 1 + r.poisson(0.3);
      x.revenue[i] = x.orders[i] * r.logNormal(40, 0.6);
    }
    x.churned[i] = r.chance(0.2) ? 1 : 0;
  }
  let best = Infinity;
  let c = armComparison({ ...x, options: { bootstrap: 1000 } });
  for (let k = 0; k < 2; k++) {
    const t0 = performance.now();
    c = armComparison({ ...x, options: { bootstrap: 1000 } });
    best = Math.min(best, performance.now() - t0);
  }
  assert.ok(best < 1000, `took ${best.toFixed(0)} ms`);
  assert.ok(c.aov_ci_low! < c.aov_difference! && c.aov_difference! < c.aov_ci_high!);
  assert.ok(c.ci_low! > 0, 'a +1 point lift on 200k contacts is detected');
});
