// Offers and audiences through the API: from-attribute, list, insights, auto-select preview,
// audience count. Each route: a success, a refused role (403), a validation error naming the field (400).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiHarness, type ApiHarness } from '../helpers/apiHarness.ts';

let h: ApiHarness;
before(async () => {
  h = await apiHarness();
  const r = await h.call('marketer', 'POST', '/v1/offers/from-attribute', { attribute: 'family' });
  assert.equal(r.statusCode, 200, r.body);
});
after(async () => {
  await h.close();
});

test('from-attribute: one offer per value; marketers only; the attribute is required and must exist', async () => {
  const r = await h.call('admin', 'POST', '/v1/offers/from-attribute', { attribute: 'department', exclude: ['fashion'] });
  assert.equal(r.statusCode, 200);
  assert.deepEqual(
    r.json().map((o: { offerId: string }) => o.offerId),
    ['department=home', 'department=kitchen'],
  );
  assert.equal((await h.call('viewer', 'POST', '/v1/offers/from-attribute', { attribute: 'family' })).statusCode, 403);
  const empty = await h.call('marketer', 'POST', '/v1/offers/from-attribute', {});
  assert.equal(empty.statusCode, 400);
  assert.equal(empty.json().details[0].field, 'body.attribute');
  const unknown = await h.call('marketer', 'POST', '/v1/offers/from-attribute', { attribute: 'colour' });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json().message, /products have no attribute 'colour'/);
});

test('list: search and type filters, revenue over the window', async () => {
  const all = (await h.call('viewer', 'GET', '/v1/offers?window=all&type=family')).json();
  assert.equal(all.asOf, '2021-03-02T00:00:00.000Z');
  const revenue = Object.fromEntries(all.list.map((o: { offerId: string; revenue: number }) => [o.offerId, o.revenue]));
  assert.deepEqual(revenue, { 'family=bags': 10, 'family=candles': 8, 'family=mugs': 6 });
  const found = (await h.call('viewer', 'GET', '/v1/offers?search=CANDLE&window=all')).json().list;
  assert.deepEqual(
    found.map((o: { offerId: string }) => o.offerId),
    ['family=candles'],
  );
  const recent = (await h.call('viewer', 'GET', '/v1/offers?search=bags&window=7d')).json().list;
  assert.deepEqual([recent[0].revenue, recent[0].buyers], [5, 1]);
  const bad = await h.call('viewer', 'GET', '/v1/offers?window=fortnight');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().details[0].field, /^query\.window/);
  assert.equal((await h.call('service', 'GET', '/v1/offers')).statusCode, 403);
});

test('insights: every node of a level, or only the given offers', async () => {
  const r = await h.call('viewer', 'GET', '/v1/offers/insights?type=family&asOf=2021-03-02');
  assert.equal(r.statusCode, 200, r.body);
  const rep = r.json();
  assert.equal(rep.level, 'family');
  const bags = rep.insights.find((i: { offerId: string }) => i.offerId === 'family=bags');
  assert.deepEqual([bags.revenue, bags.orders, bags.buyers], [10, 2, 2]); // o4 (Feb 4) and o6 (Mar 1)
  assert.equal('offer' in bags, false, 'internal indices are not part of the answer');
  const two = (await h.call('viewer', 'GET', '/v1/offers/insights?type=family&offers=family=bags&offers=family=mugs')).json();
  assert.deepEqual(two.insights.map((i: { offerId: string }) => i.offerId).sort(), ['family=bags', 'family=mugs']);
  const bad = await h.call('viewer', 'GET', '/v1/offers/insights?asOf=yesterday');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().details[0].field, /^query\.asOf/);
  assert.equal((await h.call('service', 'GET', '/v1/offers/insights')).statusCode, 403);
});

test('auto-select preview: the offers a rule picks, writing nothing', async () => {
  const r = await h.call('viewer', 'POST', '/v1/offers/auto-select', { rule: 'top-revenue', count: 2, window: 'all', type: 'family' });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json().offerIds, ['family=bags', 'family=candles']);
  assert.match(r.json().description, /highest revenue/);
  const bad = await h.call('viewer', 'POST', '/v1/offers/auto-select', { rule: 'top-luck', count: 2 });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().details[0].field, 'body.rule');
  assert.equal((await h.call('service', 'POST', '/v1/offers/auto-select', { rule: 'top-revenue', count: 2 })).statusCode, 403);
});

test('audience count: included of addressable; a bad expression names its column', async () => {
  const r = await h.call('viewer', 'POST', '/v1/audience/count', { audience: 'frequency >= 2', asOf: '2021-03-02' });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json(), { included: 1, addressable: 4, asOf: '2021-03-02T00:00:00.000Z' });
  const typo = await h.call('viewer', 'POST', '/v1/audience/count', { audience: 'frequency >= 2 and recency_dayz < 30' });
  assert.equal(typo.statusCode, 400);
  assert.match(typo.json().message, /unknown field 'recency_dayz' at column 20/);
  const missing = await h.call('viewer', 'POST', '/v1/audience/count', { asOf: '2021-03-02' });
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json().details[0].field, 'body.audience');
  assert.equal((await h.call('service', 'POST', '/v1/audience/count', { audience: 'frequency >= 2' })).statusCode, 403);
});
