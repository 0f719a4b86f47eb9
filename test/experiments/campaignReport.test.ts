import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { experimentStore } from '../helpers/experimentStore.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { exportTor } from '../../src/tor/exportTor.ts';
import { campaignReport } from '../../src/campaigns/campaignReport.ts';
import { listCampaigns } from '../../src/campaigns/campaignInfo.ts';
import type { Store } from '../../src/store/store.ts';

/** After the send (2021-06-01): each customer buys in the family of its first offer with probability
 *  pT (treated) or pC (control), 3 days later, for 10 (price 10). */
async function plantOutcomes(s: Store, torId: string, pT: number, pC: number) {
  await s.run(
    `INSERT INTO order_lines
     SELECT 'after-' || c.customer_id, min(p.product_id), 0, c.customer_id, 1, 10, 10, TIMESTAMP '2021-06-04', 'purchase', NULL
     FROM contacts c JOIN offers o ON o.offer_id = c.offer_id JOIN products p ON p.family = o.scope_value
     WHERE c.campaign_id = ? AND c.priority = 1
       AND md5_number_lower('out' || c.customer_id)::DOUBLE / 18446744073709551616.0 < CASE WHEN c."group" = 'control' THEN ? ELSE ? END
     GROUP BY c.customer_id`,
    [torId, pC, pT],
  );
}

async function sentCampaign(n: number, pct: number) {
  const s = await experimentStore(n);
  await offersFromAttribute(s, 'family');
  const tor = await createTor(s, {
    name: 'summer',
    offers: ['family=bags', 'family=mugs', 'family=candles'],
    perCustomer: 2,
    model: 'frequency',
    asOf: '2021-06-01',
    extra: { control: { pct, seed: '1', stratify: 'none', experiment: null } },
  });
  await computeTor(s, tor.torId);
  const dir = await mkdtemp(join(tmpdir(), 'nb-rep-'));
  await exportTor(s, tor.torId, { layout: 'long', format: 'csv', target: { kind: 'local', path: join(dir, 'send.csv') } });
  return { s, torId: tor.torId };
}

test('the report measures a planted effect: conversion +20 points, revenue +2 per customer, within the intervals', async () => {
  const { s, torId } = await sentCampaign(3000, 30);
  await plantOutcomes(s, torId, 0.35, 0.15);
  const r = await campaignReport(s, torId, { windowDays: 14, attribution: 'last', churnDays: 60 });
  assert.equal(r.campaign.kind, 'tor');
  assert.equal(r.campaign.control_pct, 30);
  assert.equal(r.overall.contacts_treatment + r.overall.contacts_control, 3000);
  assert.ok(r.srm && !r.srm.mismatch);
  const o = r.overall;
  assert.ok(o.ci_low! < 0.2 && 0.2 < o.ci_high!, `conversion CI [${o.ci_low}, ${o.ci_high}]`);
  assert.ok(o.ci_low! > 0, 'a 20-point effect on 3,000 customers excludes zero');
  assert.ok(o.revenue_ci_low! < 2 && 2 < o.revenue_ci_high!, `revenue CI [${o.revenue_ci_low}, ${o.revenue_ci_high}]`);
  assert.ok(Math.abs(o.incremental_revenue! - o.incremental_revenue_per_contact! * o.contacts_treatment) < 1e-6);
  // Purchases are in the first offer's scope: uptake follows them; every offer row has the documented keys.
  assert.equal(r.settings.uptake_source, 'purchases');
  assert.equal(r.offers.length, 3);
  for (const x of r.offers) {
    for (const k of [
      'contacts_treatment',
      'contacts_control',
      'conversion_treatment',
      'conversion_control',
      'incremental_conversion',
      'ci_low',
      'ci_high',
    ])
      assert.ok(k in x, k);
    assert.ok(x.p_adjusted === null || x.p_adjusted >= x.p_value!);
  }
  assert.deepEqual(
    r.priorities.map((p) => p.priority),
    [1, 2],
  );
  // The data end 3 days after the send: windows are still open and churn cannot be judged yet.
  assert.ok(r.notes.some((n) => /still coming in/.test(n)));
  assert.equal(r.overall.churn_treatment, null);
  assert.equal(r.timeline.length, 14);
  const last = r.timeline.at(-1)!;
  assert.ok(Math.abs(last.cumulative_incremental_revenue! - o.incremental_revenue!) < 1e-6);
  assert.equal(r.timeline[0].cumulative_incremental_revenue, 0);
  const list = await listCampaigns(s);
  assert.equal(list[0].id, torId);
});

test('no effect: the interval covers zero; a short window misses late purchases; first touch credits the earlier send', async () => {
  const { s, torId } = await sentCampaign(2000, 50);
  await plantOutcomes(s, torId, 0.2, 0.2);
  const r = await campaignReport(s, torId, { windowDays: 14, attribution: 'last', churnDays: 60 });
  assert.ok(r.overall.ci_low! < 0 && r.overall.ci_high! > 0);
  const short = await campaignReport(s, torId, { windowDays: 2, attribution: 'last', churnDays: 60 });
  assert.equal(short.overall.conversion_treatment, 0);
  // A later imported campaign touching the same customers on 2021-06-02 takes the credit under last touch only.
  await s.run(
    `INSERT INTO contacts (customer_id, offer_id, sent_at, "group", line_no, campaign_id)
    SELECT DISTINCT customer_id, offer_id, TIMESTAMP '2021-06-02', 'treatment', 0, 'newsletter' FROM contacts WHERE campaign_id = ? AND priority = 1`,
    [torId],
  );
  const last = await campaignReport(s, torId, { windowDays: 14, attribution: 'last', churnDays: 60 });
  assert.equal(last.overall.conversion_treatment, 0);
  const first = await campaignReport(s, torId, { windowDays: 14, attribution: 'first', churnDays: 60 });
  assert.equal(first.overall.conversion_treatment, r.overall.conversion_treatment);
  await assert.rejects(campaignReport(s, 'nope', { windowDays: 14, attribution: 'last', churnDays: 60 }), /not found/);
  await assert.rejects(campaignReport(s, torId, { windowDays: 0, attribution: 'last', churnDays: 60 }), /at least 1 day/);
});
