// Editing what the dashboard's TOR editor edits: re-selecting offers by an automatic rule (the
// selection stays automatic), removing one offer's volume limit with null, and offer insights
// served from the model cache on unchanged data.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { apiHarness, type ApiHarness } from '../helpers/apiHarness.ts';

let h: ApiHarness;
before(async () => {
  h = await apiHarness();
  await offersFromAttribute(h.store, 'family');
});
after(async () => {
  await h.close();
});

test('PATCH auto re-selects the offers by the rule and keeps the selection automatic', async () => {
  const c = await h.call('marketer', 'POST', '/v1/tors', { name: 'Manual', offers: ['family=bags'], perCustomer: 1 });
  assert.equal(c.statusCode, 200, c.body);
  const id = c.json().torId as string;
  const p = await h.call('marketer', 'PATCH', `/v1/tors/${id}`, { auto: { rule: 'top-revenue', count: 2, window: 'all' } });
  assert.equal(p.statusCode, 200, p.body);
  const tor = p.json();
  assert.equal(tor.settings.selection.mode, 'auto');
  assert.equal(tor.settings.selection.rule, 'top-revenue');
  assert.equal(tor.offers.length, 2);
  assert.equal(tor.status, 'draft');
  const both = await h.call('marketer', 'PATCH', `/v1/tors/${id}`, { offers: ['family=bags'], auto: { rule: 'top-revenue', count: 1 } });
  assert.equal(both.statusCode, 400);
  const bad = await h.call('marketer', 'PATCH', `/v1/tors/${id}`, { auto: { rule: 'most-fun', count: 1 } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().details[0].field, 'body.auto.rule');
});

test("PATCH limits: values merge onto the current ones; null removes one offer's limit", async () => {
  const c = await h.call('marketer', 'POST', '/v1/tors', { name: 'Limits', offers: ['family=bags', 'family=mugs'], perCustomer: 1 });
  const id = c.json().torId as string;
  await h.call('marketer', 'PATCH', `/v1/tors/${id}`, { limits: { max: { 'family=bags': 5, 'family=mugs': 7 } } });
  const p = await h.call('marketer', 'PATCH', `/v1/tors/${id}`, { limits: { max: { 'family=bags': null } } });
  assert.equal(p.statusCode, 200, p.body);
  assert.deepEqual(p.json().settings.limits.max, { 'family=mugs': 7 });
});

test('offer insights: the efficiency backtest is cached on unchanged data', async () => {
  const cacheRows = async () => Number((await h.store.one<{ n: bigint }>(`SELECT count(*) AS n FROM model_cache`))!.n);
  const before = await cacheRows();
  const a = await h.call('viewer', 'GET', '/v1/offers/insights?type=family');
  assert.equal(a.statusCode, 200, a.body);
  assert.equal(await cacheRows(), before + 1);
  const b = await h.call('viewer', 'GET', '/v1/offers/insights?type=family');
  assert.deepEqual(b.json(), a.json());
  assert.equal(await cacheRows(), before + 1, 'the second call reused the cached backtest');
});
