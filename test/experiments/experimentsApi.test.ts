// The experiment loop through the API: a TOR with a control group (field errors name the field),
// compute and export jobs (contacts, manifest), then GET /v1/campaigns and its report.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { apiHarness, waitForJob } from '../helpers/apiHarness.ts';
import { experimentStore } from '../helpers/experimentStore.ts';

test('API: control group → export → campaigns list → report; bad control and window are 400 naming the field', async () => {
  const h = await apiHarness(await experimentStore(800));
  try {
    await offersFromAttribute(h.store, 'family');
    const body = { name: 'api', offers: ['family=bags', 'family=mugs'], perCustomer: 1, model: 'frequency', asOf: '2021-06-01' };
    const bad = await h.call('marketer', 'POST', '/v1/tors', { ...body, control: { pct: 80 } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /control\.pct/);
    assert.match(bad.body, /between 0 and 50/);
    const r = await h.call('marketer', 'POST', '/v1/tors', { ...body, control: { pct: 25, stratify: 'priority' } });
    assert.equal(r.statusCode, 200, r.body);
    const id = r.json().torId as string;
    const job = async (url: string, b?: unknown) => {
      const x = await h.call('marketer', 'POST', url, b);
      assert.equal(x.statusCode, 202, x.body);
      return waitForJob(h, x.json().job.jobId);
    };
    assert.equal((await job(`/v1/tors/${id}/compute`)).status, 'succeeded');
    const out = join(mkdtempSync(join(tmpdir(), 'nb-exp-api-')), 'send.csv');
    const exp = await job(`/v1/tors/${id}/export`, { target: out, includeControl: true });
    assert.equal(exp.status, 'succeeded', JSON.stringify(exp));
    assert.ok(existsSync(`${out}.manifest.json`));
    const list = await h.call('viewer', 'GET', '/v1/campaigns');
    assert.equal(list.statusCode, 200, list.body);
    const c = list.json().campaigns[0];
    assert.equal(c.id, id);
    assert.equal(c.control_pct, 25);
    assert.equal(c.contacts_treatment + c.contacts_control, 800);
    const rep = await h.call('viewer', 'GET', `/v1/campaigns/${id}/report?window=7d&attribution=first`);
    assert.equal(rep.statusCode, 200, rep.body);
    const j = rep.json();
    assert.equal(j.settings.window_days, 7);
    assert.equal(j.settings.attribution, 'first');
    assert.equal(j.overall.contacts_control, c.contacts_control);
    assert.equal(j.offers.length, 2);
    const zero = await h.call('viewer', 'GET', `/v1/campaigns/${id}/report?window=0d`);
    assert.equal(zero.statusCode, 400);
    assert.match(zero.body, /window/);
    assert.equal((await h.call('viewer', 'GET', `/v1/campaigns/nope/report`)).statusCode, 404);
  } finally {
    await h.close();
  }
});
