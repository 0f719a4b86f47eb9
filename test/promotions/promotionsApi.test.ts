// The promotion routes through the in-process API: import → list → compute (job) → per customer → export (job).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiHarness, waitForJob } from '../helpers/apiHarness.ts';

test('promotion routes: import, list, compute job, customer lists, export, errors and roles', async () => {
  const h = await apiHarness();
  const dir = await mkdtemp(join(tmpdir(), 'nb-promo-api-'));
  try {
    const file = join(dir, 'pool.csv');
    await writeFile(
      file,
      'promotion_id,scope_attribute,scope_value,mechanism,value,cost\n' +
        'candles,family,candles,percent_off,10,0.5\nmugs,family,mugs,amount_off,1,0.5\nbags,family,bags,percent_off,20,0.5\n',
    );
    assert.equal((await h.call('viewer', 'POST', '/v1/promotions/import', { file })).statusCode, 403);
    let r = await h.call('marketer', 'POST', '/v1/promotions/import', { file, fileLabel: 'pool.csv' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().imported, 3);
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'promotion_id,scope_attribute,scope_value,mechanism,value\nx,family,bags,percent_off,200\n');
    r = await h.call('marketer', 'POST', '/v1/promotions/import', { file: bad, fileLabel: 'bad.csv' });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /bad\.csv:2: column value: '200' is not a percent/);
    r = await h.call('viewer', 'GET', '/v1/promotions');
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(
      r.json().promotions.map((p: { promotionId: string }) => p.promotionId),
      ['bags', 'candles', 'mugs'],
    );
    assert.equal(r.json().latestRun, null);
    r = await h.call('viewer', 'GET', '/v1/customers/c1/promotions');
    assert.equal(r.statusCode, 400, 'no lists before a compute');
    const compute = { perCustomer: 2, objective: 'margin', model: 'popularity', asOf: '2021-03-02' };
    r = await h.call('marketer', 'POST', '/v1/promotions/compute', compute);
    assert.equal(r.statusCode, 202, r.body);
    const job = await waitForJob(h, r.json().job.jobId);
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    r = await h.call('viewer', 'GET', '/v1/customers/c1/promotions');
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(
      r.json().promotions.map((p: { promotionId: string }) => p.promotionId),
      ['bags', 'candles'],
    );
    assert.equal((await h.call('viewer', 'GET', '/v1/customers/nobody/promotions')).statusCode, 404);
    assert.equal((await h.call('marketer', 'POST', '/v1/promotions/compute', { objective: 'revenue' })).statusCode, 400);
    const out = join(dir, 'lists.csv');
    r = await h.call('marketer', 'POST', '/v1/promotions/export', { out });
    assert.equal(r.statusCode, 202, r.body);
    assert.equal((await waitForJob(h, r.json().job.jobId)).status, 'succeeded');
    assert.equal((await readFile(out, 'utf8')).trim().split('\n').length, 1 + 8);
    const build = { bestSellers: 2, perCategory: 1, categoryAttribute: 'family', window: '90d', dryRun: true };
    r = await h.call('marketer', 'POST', '/v1/promotions/build', build);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().promotions.length, 2);
    r = await h.call('marketer', 'POST', '/v1/promotions/build', { bestSellers: 1, mechanism: 'points', value: 0.5 });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /value: 0\.5 is not a points multiplier > 1/);
  } finally {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  }
});
