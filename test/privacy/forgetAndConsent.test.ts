// Right to erasure and consent: `customers forget` erases a customer from every table, drops the models
// trained on them, is audited and admin-only through the API; a TOR with a channel sends only to
// customers whose consent_<channel> is true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { experimentStore } from '../helpers/experimentStore.ts';
import { runCli } from '../helpers/runCli.ts';
import { apiHarness } from '../helpers/apiHarness.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { Store } from '../../src/store/store.ts';

test('CLI: customers forget erases every row of the customer, their TOR results and model state, with an audit record', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-forget-'));
  const db = join(dir, 'x.duckdb');
  (await experimentStore(300, db)).close();
  const env = { NEXTBEST_DB: db };
  assert.equal(runCli(['offers', 'from-attribute', 'family'], env).code, 0);
  const created = runCli(['tor', 'create', '--name', 't', '--offer', 'family=bags,family=mugs', '--per-customer', '1'], env);
  const id = created.stdout.trim().split('\n').at(-1)!;
  assert.equal(runCli(['tor', 'compute', id], env).code, 0);
  assert.equal(runCli(['tor', 'export', id, '--out', join(dir, 'a.csv')], env).code, 0);
  const rec = runCli(['recommend', '--table', '--top', '3'], env);
  assert.equal(rec.code, 0, rec.stderr);
  assert.match(readFileSync(join(dir, 'a.csv'), 'utf8'), /^c00007,/m);
  assert.equal(runCli(['customers', 'forget', 'c00007'], env).code, 2); // --yes required
  const f = runCli(['customers', 'forget', 'c00007', '--yes', '--json'], env);
  assert.equal(f.code, 0, f.stderr);
  const r = JSON.parse(f.stdout);
  for (const t of ['customers', 'order_lines', 'tor_results', 'tor_scores', 'contacts', 'product_recommendations'])
    assert.ok(r.erased[t] > 0, t);
  assert.ok(r.modelFiles.length >= 1, 'the saved recommendation model held the customer');
  for (const file of r.modelFiles) assert.equal(existsSync(file), false);
  const s = await Store.open(db);
  try {
    const left = await s.one<{ n: bigint }>(
      `SELECT (SELECT count(*) FROM customers WHERE customer_id = 'c00007') + (SELECT count(*) FROM order_lines WHERE customer_id = 'c00007')
        + (SELECT count(*) FROM tor_results WHERE customer_id = 'c00007') + (SELECT count(*) FROM product_recommendations WHERE user_unique_id = 'c00007')
        + (SELECT count(*) FROM contacts WHERE customer_id = 'c00007') AS n`,
    );
    assert.equal(Number(left!.n), 0);
    assert.equal(Number((await s.one<{ n: bigint }>(`SELECT count(*) AS n FROM model_cache`))!.n), 0);
    const audit = await s.one<{ detail: string }>(`SELECT detail FROM audit_log WHERE action = 'customers.forget'`);
    assert.match(audit!.detail, /rows erased/);
    assert.doesNotMatch(audit!.detail, /c00007/);
  } finally {
    s.close();
  }
  // A later feed that still carries the customer: their rows are dropped and counted, the others stored.
  writeFileSync(
    join(dir, 'feed.csv'),
    'order_id,product_id,customer_id,quantity,unit_price,ts\nz1,p1,c00007,1,2,2021-06-02\nz2,p1,c00008,1,2,2021-06-02\n',
  );
  const feed = runCli(['import', 'order_lines', join(dir, 'feed.csv'), '--json'], env);
  assert.equal(feed.code, 0, feed.stderr);
  assert.equal(JSON.parse(feed.stdout).dropped['customer erased on request (customers forget)'], 1);
  assert.equal(runCli(['tor', 'export', id, '--out', join(dir, 'b.csv')], env).code, 0);
  assert.doesNotMatch(readFileSync(join(dir, 'b.csv'), 'utf8'), /^c00007,/m);
  const again = runCli(['customers', 'forget', 'c00007', '--yes'], env);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /customer 'c00007' not found/);
});

test('API: forget is admin-only; a TOR with a channel excludes customers without consent', async () => {
  const s = await experimentStore(400);
  await offersFromAttribute(s, 'family');
  await s.run(`ALTER TABLE customers ADD COLUMN consent_email BOOLEAN`);
  await s.run(`UPDATE customers SET consent_email = CASE WHEN customer_id < 'c00100' THEN true WHEN customer_id < 'c00200' THEN false END`);
  const h = await apiHarness(s);
  try {
    assert.equal((await h.call('marketer', 'POST', '/v1/customers/c00001/forget')).statusCode, 403);
    const ok = await h.call('admin', 'POST', '/v1/customers/c00001/forget');
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await h.call('admin', 'POST', '/v1/customers/c00001/forget')).statusCode, 404);
    const body = { name: 'mail', offers: ['family=bags'], perCustomer: 1, model: 'frequency', asOf: '2021-06-01', channel: 'email' };
    const t = await h.call('marketer', 'POST', '/v1/tors', body);
    assert.equal(t.statusCode, 200, t.body);
    const { computeTor } = await import('../../src/tor/computeTor.ts');
    const sum = await computeTor(s, t.json().torId);
    assert.equal(sum.consentExcluded, 300); // 100 said no, 200 were never asked (NULL)
    const sent = await s.one<{ n: bigint; bad: bigint }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE customer_id >= 'c00100') AS bad FROM tor_results WHERE tor_id = ?`,
      [t.json().torId],
    );
    assert.equal(Number(sent!.bad), 0);
    assert.equal(Number(sent!.n), 99); // c00001 was erased
    const bad = await h.call('marketer', 'POST', '/v1/tors', { ...body, channel: 'E-mail' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /channel/);
  } finally {
    await h.close();
  }
});
