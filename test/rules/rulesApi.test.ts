// The rules ops through the API (in-process harness): validate/load/apply/list/firings, the
// customer's firings route, roles, and real-time firing on ingested events and order lines.
import assert from 'node:assert/strict';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { apiHarness, type ApiHarness } from '../helpers/apiHarness.ts';
import { rule, rulesStore } from './rulesFixture.ts';

let h: ApiHarness;
before(async () => {
  h = await apiHarness(await rulesStore());
});
after(() => h.close());

const BATCH = `rules:\n${rule('fan', 'OC', '{bought: {scope: family=candles, min_orders: 2}}', 'cooldown_days: 30')}`;

test('validate: a bad file is a 400 naming line, column, field and reason; a good one lists its rules', async () => {
  const source = 'rules:\n  - id: x\n    offer: NOPE\n    when: {lapsed: {cycle_multiple: 2}}\n';
  const bad = await h.call('viewer', 'POST', '/v1/rules/validate', { source, fileLabel: 'mine.yaml' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().message, /mine\.yaml:3:12: field rules\[0\]\.offer: unknown offer 'NOPE'/);
  const ok = await h.call('viewer', 'POST', '/v1/rules/validate', { source: BATCH });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(ok.json().rules, [{ id: 'fan', offer: 'OC', trigger: 'bought', enabled: true }]);
});

test('apply with text: firings recorded, CSV written; a viewer may not apply', async () => {
  assert.equal((await h.call('viewer', 'POST', '/v1/rules/apply', { source: BATCH, asOf: '2021-03-10' })).statusCode, 403);
  const dir = await mkdtemp(join(tmpdir(), 'rules-api-'));
  const out = join(dir, 'fired.csv');
  const r = await h.call('marketer', 'POST', '/v1/rules/apply', { source: BATCH, asOf: '2021-03-10', out });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().fired, 1);
  assert.equal(await readFile(out, 'utf8'), 'customer_id,rule,offer_id,fired_at\nc1,fan,OC,2021-03-10 00:00:00\n');
  const mine = await h.call('service', 'GET', '/v1/customers/c1/firings');
  assert.equal(mine.statusCode, 200);
  assert.deepEqual(
    mine.json().firings.map((f: { rule: string; source: string }) => [f.rule, f.source]),
    [['fan', 'batch']],
  );
  const byRule = await h.call('viewer', 'GET', '/v1/rules/firings?rule=fan');
  assert.equal(byRule.json().total, 1);
});

test('real time: an ingested event or order line fires the loaded rules for that customer within 1 s', async () => {
  const rules =
    `rules:\n${rule('cart-now', 'OC', '{event: {type: add_to_cart, within_days: 1}}', 'max_firings: 1')}` +
    rule('welcome', 'OM', '{first_purchase: {within_days: 1}}');
  const load = await h.call('marketer', 'POST', '/v1/rules/sets', { source: rules, fileLabel: 'live.yaml' });
  assert.equal(load.statusCode, 200, load.body);
  assert.equal(load.json().ruleSet, 'rs-1');

  const t0 = performance.now();
  const ev = await h.call('service', 'POST', '/v1/events', { events: [{ customerId: 'c3', type: 'add_to_cart', productId: 'p1' }] });
  assert.equal(ev.statusCode, 200, ev.body);
  const got = await h.call('service', 'GET', '/v1/customers/c3/firings');
  assert.ok(performance.now() - t0 < 1000, 'fired and visible within 1 s');
  assert.deepEqual(
    got
      .json()
      .firings.map((f: { rule: string; offer_id: string; source: string; rule_set: string }) => [f.rule, f.offer_id, f.source, f.rule_set]),
    [['cart-now', 'OC', 'realtime', 'rs-1']],
  );
  // max_firings 1: a second cart event does not fire again; c2 is not evaluated at all.
  await h.call('service', 'POST', '/v1/events', { events: [{ customerId: 'c3', type: 'add_to_cart' }] });
  assert.equal((await h.call('service', 'GET', '/v1/customers/c3/firings')).json().total, 1);
  assert.equal((await h.call('service', 'GET', '/v1/customers/c2/firings')).json().total, 0);

  const lines = [{ customerId: 'c9', productId: 'p2', quantity: 1, unitPrice: 3 }];
  const line = await h.call('service', 'POST', '/v1/order-lines', { lines });
  assert.equal(line.statusCode, 200, line.body);
  const c9 = (await h.call('service', 'GET', '/v1/customers/c9/firings')).json();
  assert.deepEqual(
    c9.firings.map((f: { rule: string }) => f.rule),
    ['welcome'],
  );

  const list = (await h.call('viewer', 'GET', '/v1/rules')).json();
  assert.equal(list.ruleSet.id, 'rs-1');
  assert.deepEqual(
    list.rules.map((r: { id: string; firings: number; bySource: object }) => [r.id, r.firings, r.bySource]),
    [
      ['cart-now', 1, { realtime: 1 }],
      ['welcome', 1, { realtime: 1 }],
    ],
  );
  assert.deepEqual(
    list.otherRules.map((r: { rule: string; firings: number }) => [r.rule, r.firings]),
    [['fan', 1]],
  );
});

test('apply without rules uses the loaded set; a bad loaded file stores nothing', async () => {
  const bad = await h.call('marketer', 'POST', '/v1/rules/sets', { source: 'rules:\n  - id: x\n' });
  assert.equal(bad.statusCode, 400);
  assert.equal((await h.call('viewer', 'GET', '/v1/rules')).json().ruleSet.id, 'rs-1');
  const dry = await h.call('marketer', 'POST', '/v1/rules/apply', { asOf: '2021-03-10', dryRun: true });
  assert.equal(dry.statusCode, 200, dry.body);
  assert.equal(dry.json().ruleSet, 'rs-1');
  assert.equal(dry.json().dryRun, true);
});

test('the rules routes are in the OpenAPI document', async () => {
  const doc = (await h.call(null, 'GET', '/v1/openapi.json')).json();
  for (const [path, method] of [
    ['/v1/rules/apply', 'post'],
    ['/v1/rules/sets', 'post'],
    ['/v1/rules/validate', 'post'],
    ['/v1/rules', 'get'],
    ['/v1/rules/firings', 'get'],
    ['/v1/customers/{id}/firings', 'get'],
  ]) {
    assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
  }
});
