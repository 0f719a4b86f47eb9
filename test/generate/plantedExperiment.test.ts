// The planted-effect experiment: deterministic, internally consistent, its truth right, and its
// files import into a store from which a plain window attribution recovers the arrays exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plantedExperiment } from '../../src/generate/plantedExperiment.ts';
import { plantedExperimentFiles } from '../../src/generate/plantedExperimentFiles.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { Store } from '../../src/store/store.ts';

const mean = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
};

test('plantedExperiment: the same seed gives the same experiment, another seed another', () => {
  const a = plantedExperiment(42, { customers: 2000 });
  const b = plantedExperiment(42, { customers: 2000 });
  const c = plantedExperiment(43, { customers: 2000 });
  assert.deepEqual(a.revenue, b.revenue);
  assert.deepEqual(a.treated, b.treated);
  assert.deepEqual(a.truth, b.truth);
  assert.notDeepEqual(a.treated, c.treated);
});

test('plantedExperiment: outcomes are consistent with each other', () => {
  const e = plantedExperiment(7, { customers: 20_000, basketLift: 0.1 });
  for (let i = 0; i < e.treated.length; i++) {
    assert.equal(e.orders[i] > 0, e.converted[i] === 1, `orders vs converted at ${i}`);
    assert.equal(e.revenue[i] > 0, e.converted[i] === 1, `revenue vs converted at ${i}`);
    assert.ok(e.uptake[i] <= e.converted[i], `uptake without conversion at ${i}`);
    assert.ok(!(e.converted[i] && e.latePurchase[i]), 'late purchases are drawn for non-converters only');
    assert.equal(e.churned[i], e.converted[i] || e.latePurchase[i] ? 0 : 1);
    assert.equal(Math.round(e.revenue[i] * 100) / 100, e.revenue[i], 'revenue is whole cents');
    assert.equal(e.tau[i], e.responsive[i] ? 0.03 : 0);
  }
  const control = 1 - mean(e.treated);
  assert.ok(Math.abs(control - 0.2) < 4 * Math.sqrt((0.2 * 0.8) / 20_000), `control share ${control}`);
});

test('plantedExperiment: the truth is the planted effect', () => {
  // τ = Δ for responsive customers and 0 otherwise, so the average effect is Δ × the responsive share.
  const e = plantedExperiment(3, { customers: 50_000, conversionLift: 0.04 });
  assert.ok(Math.abs(e.truth.conversion - 0.04 * mean(e.responsive)) < 1e-15);
  assert.ok(Math.abs(e.truth.revenue_per_contact - mean(e.tauRevenue)) < 1e-12);
  // No effect planted anywhere: every true effect is exactly 0.
  const zero = plantedExperiment(3, { customers: 5000, conversionLift: 0, uptakeLift: 0, retentionLift: 0 });
  for (const v of Object.values(zero.truth)) assert.ok(Math.abs(v) < 1e-12, `truth ${v}`);
  // The expected revenue of a converter, E[orders]·E[order value] = (1 + λ)·median·e^{σ²/2}, against the
  // data: tier 0 (λ = 0.25, median 25) → 1.25 · 25 · e^{0.125} = 35.4106; tier 2 (λ = 0.55, median 75) → 131.737.
  const big = plantedExperiment(9, { customers: 200_000 });
  for (const [tier, expected] of [
    [0, 1.25 * 25 * Math.exp(0.125)],
    [2, 1.55 * 75 * Math.exp(0.125)],
  ]) {
    const rev: number[] = [];
    for (let i = 0; i < big.tier.length; i++) if (big.converted[i] && big.tier[i] === tier) rev.push(big.revenue[i]);
    const m = mean(rev);
    const se = Math.sqrt(mean(rev.map((x) => (x - m) ** 2)) / rev.length);
    assert.ok(Math.abs(m - expected) < 4 * se, `tier ${tier}: ${m} vs ${expected} (se ${se})`);
  }
  assert.throws(() => plantedExperiment(1, { controlShare: 0 }), /controlShare/);
});

test('plantedExperimentFiles: imported and attributed in SQL, the files give back the arrays', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-planted-'));
  try {
    const e = plantedExperiment(5, { customers: 3000 });
    const files = await plantedExperimentFiles(e, dir, { seed: 5, windowDays: 14, churnDays: 60 });
    const s = await Store.open(':memory:');
    for (const table of ['customers', 'products', 'offers', 'contacts', 'order_lines', 'responses'] as const)
      await importFile(s, { table, file: files[table], checkRefs: true });
    // Window attribution: lines in [sent_at, sent_at + 14 days); churn: no line in [sent_at, sent_at + 60 days).
    const rows = await s.all<{ id: string; arm: string; rev: number; ord: bigint; upt: boolean; late: bigint }>(`
      SELECT c.customer_id AS id, c."group" AS arm,
        coalesce(sum(l.amount) FILTER (WHERE l.ts < c.sent_at + INTERVAL 14 DAY), 0) AS rev,
        count(DISTINCT l.order_id) FILTER (WHERE l.ts < c.sent_at + INTERVAL 14 DAY) AS ord,
        coalesce(bool_or(l.product_id = 'P-OFFER' AND l.ts < c.sent_at + INTERVAL 14 DAY), false) AS upt,
        count(l.order_id) FILTER (WHERE l.ts < c.sent_at + INTERVAL 60 DAY) AS late
      FROM contacts c LEFT JOIN order_lines l ON l.customer_id = c.customer_id AND l.ts >= c.sent_at
      GROUP BY ALL ORDER BY id`);
    assert.equal(rows.length, 3000);
    rows.forEach((r, i) => {
      assert.equal(r.arm, e.treated[i] ? 'treatment' : 'control');
      assert.ok(Math.abs(Number(r.rev) - e.revenue[i]) < 1e-9, `revenue of ${r.id}: ${r.rev} vs ${e.revenue[i]}`);
      assert.equal(Number(r.ord), e.orders[i]);
      assert.equal(r.upt ? 1 : 0, e.uptake[i]);
      assert.equal(Number(r.late) === 0 ? 1 : 0, e.churned[i], `churn of ${r.id}`);
    });
    const responses = await s.one<{ n: bigint }>(`SELECT count(*) AS n FROM responses`);
    let treatedUptake = 0;
    for (let i = 0; i < 3000; i++) treatedUptake += e.treated[i] & e.uptake[i];
    assert.equal(Number(responses!.n), treatedUptake);
    s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
