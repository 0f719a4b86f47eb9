// End to end on the planted-effect experiment (src/generate/plantedExperiment): files → import → the
// store's campaign report. The report's attributed outcomes equal the planted arrays exactly, so its
// intervals are armComparison's on the true data; they cover the planted effects here, and the
// 200-seed coverage of those intervals is test/evaluate/experimentCoverage.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plantedExperiment } from '../../src/generate/plantedExperiment.ts';
import { plantedExperimentFiles } from '../../src/generate/plantedExperimentFiles.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { Store } from '../../src/store/store.ts';
import { campaignReport } from '../../src/campaigns/campaignReport.ts';
import { armComparison } from '../../src/evaluate/experiment/armComparison.ts';

test('planted experiment through import and the report: the same figures as the planted arrays, intervals covering the truth', async () => {
  const e = plantedExperiment(11, { customers: 8000, conversionLift: 0.06 });
  const dir = mkdtempSync(join(tmpdir(), 'nb-planted-rep-'));
  const files = await plantedExperimentFiles(e, dir, { seed: 11, windowDays: 14, churnDays: 60, campaignId: 'spring' });
  const s = await Store.open(':memory:');
  for (const table of ['customers', 'products', 'offers', 'contacts', 'order_lines', 'responses'] as const)
    await importFile(s, { table, file: files[table] });
  const r = await campaignReport(s, 'spring', { windowDays: 14, attribution: 'last', churnDays: 60, expectedControlPct: 20 });
  const direct = armComparison({
    treated: e.treated,
    converted: e.converted,
    uptake: e.uptake,
    revenue: e.revenue,
    orders: e.orders,
    churned: e.churned,
  });
  const o = r.overall;
  assert.equal(o.contacts_treatment, direct.contacts_treatment);
  assert.equal(o.contacts_control, direct.contacts_control);
  for (const k of ['conversion_treatment', 'conversion_control', 'ci_low', 'ci_high', 'churn_treatment', 'churn_control'] as const)
    assert.ok(Math.abs(o[k]! - direct[k]!) < 1e-9, `${k}: ${o[k]} vs ${direct[k]}`);
  assert.ok(Math.abs(o.revenue_per_contact_treatment! - direct.revenue_per_contact_treatment!) < 1e-6);
  assert.equal(r.settings.uptake_source, 'responses');
  assert.ok(o.ci_low! <= e.truth.conversion && e.truth.conversion <= o.ci_high!, `${e.truth.conversion} in [${o.ci_low}, ${o.ci_high}]`);
  assert.ok(o.revenue_ci_low! <= e.truth.revenue_per_contact && e.truth.revenue_per_contact <= o.revenue_ci_high!);
  assert.ok(o.ci_low! > 0, 'a 6-point lift on 8,000 customers excludes zero');
  assert.equal(r.srm?.mismatch, false);
  assert.deepEqual(
    r.warnings.filter((w) => w.kind === 'srm' || w.kind === 'small_sample'),
    [],
  );
});
