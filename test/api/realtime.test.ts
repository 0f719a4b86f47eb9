// Real-time reads from memory and real-time ingestion through app.inject: roles, validation,
// offers after a compute job, recommendations refreshed by an ingested purchase, pinned as-of.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { defaultRecsSettings, recommendProducts } from '../../src/recs/productRecommendations.ts';
import { defaultAsOf } from '../../src/snapshot/interactions.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { apiHarness, waitForJob, type ApiHarness } from '../helpers/apiHarness.ts';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';

let h: ApiHarness;
let torId: string;
before(async () => {
  const s = await tinyRetailStore();
  await s.run(`INSERT INTO customers VALUES ('c9')`); // known, but without purchases
  await offersFromAttribute(s, 'family');
  torId = (await createTor(s, { name: 'rt', offers: ['family=candles', 'family=mugs', 'family=bags'], perCustomer: 2 })).torId;
  await recommendProducts(s, { ...defaultRecsSettings, top: 3 }, { kind: 'table' });
  h = await apiHarness(s);
});
after(async () => {
  await h.close();
});

test('offers: none before a compute; after the compute job, read from memory in priority order', async () => {
  const none = await h.call('service', 'GET', '/v1/customers/c1/offers');
  assert.equal(none.statusCode, 404);
  assert.match(none.json().message, /no TOR is Ready/);
  const job = await h.call('marketer', 'POST', `/v1/tors/${torId}/compute`);
  assert.equal(job.statusCode, 202);
  assert.equal((await waitForJob(h, job.json().job.jobId)).status, 'succeeded');
  // The job's record says succeeded a moment before its 'op' event starts the refresh.
  for (let i = 0; i < 100 && h.ctx.live.defaultTorId !== torId; i++) await new Promise((r) => setTimeout(r, 20));
  await h.ctx.live.settled();
  const r = await h.call('service', 'GET', '/v1/customers/c1/offers');
  assert.equal(r.statusCode, 200);
  const body = r.json();
  assert.equal(body.torId, torId);
  assert.deepEqual(
    body.offers.map((o: { priority: number }) => o.priority),
    [1, 2],
  );
  for (const o of body.offers) {
    assert.equal(typeof o.score, 'number');
    assert.match(o.offerId, /^family=/);
    assert.equal(o.offerName.length > 0, true);
    assert.ok('reason' in o);
  }
  // the same rows the TOR stored
  const stored = await h.store.all<{ offer_id: string }>(
    `SELECT offer_id FROM tor_results WHERE tor_id = ? AND customer_id = 'c1' ORDER BY priority`,
    [torId],
  );
  assert.deepEqual(
    body.offers.map((o: { offerId: string }) => o.offerId),
    stored.map((s) => s.offer_id),
  );
  assert.equal((await h.call('viewer', 'GET', `/v1/customers/c1/offers?tor=${torId}`)).statusCode, 200);
});

test('offers: unknown customer 404, customer without offers 200 with a note, unknown TOR 404, no key 401', async () => {
  const unknown = await h.call('service', 'GET', '/v1/customers/nobody/offers');
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json().error, 'not_found');
  const empty = await h.call('service', 'GET', '/v1/customers/c9/offers');
  assert.equal(empty.statusCode, 200);
  assert.deepEqual(empty.json().offers, []);
  assert.match(empty.json().note, /no offer/);
  assert.equal((await h.call('service', 'GET', '/v1/customers/c1/offers?tor=tor-nope')).statusCode, 404);
  assert.equal((await h.call(null, 'GET', '/v1/customers/c1/offers')).statusCode, 401);
  const bad = await h.call('service', 'GET', '/v1/customers/c1/offers?tor=');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().details[0].field, /^query\.tor/);
});

test('recommendations: the DinMo columns, top, filter; validation names the field', async () => {
  const r = await h.call('service', 'GET', '/v1/customers/c1/recommendations');
  assert.equal(r.statusCode, 200);
  const rows = r.json().recommendations as Record<string, unknown>[];
  assert.ok(rows.length > 0);
  assert.deepEqual(Object.keys(rows[0]).sort(), [
    'last_update_date',
    'primary_key',
    'ranking',
    'recommended_item_id',
    'score',
    'user_unique_id',
  ]);
  assert.equal(rows[0].primary_key, 'c1:1');
  const stored = await h.store.all<{ recommended_item_id: string }>(
    `SELECT recommended_item_id FROM product_recommendations WHERE user_unique_id = 'c1' ORDER BY ranking`,
  );
  assert.deepEqual(
    rows.map((x) => x.recommended_item_id),
    stored.map((x) => x.recommended_item_id),
  );
  const two = (await h.call('service', 'GET', '/v1/customers/c1/recommendations?top=2')).json().recommendations;
  assert.equal(two.length, 2);
  const candles = await h.call('service', 'GET', '/v1/customers/c2/recommendations?filter=family:candles&top=5');
  assert.equal(candles.statusCode, 200);
  const items = (candles.json().recommendations as { recommended_item_id: string }[]).map((x) => x.recommended_item_id).sort();
  assert.ok(items.length > 0 && items.every((i) => i === 'p1' || i === 'p4'), items.join(','));
  const bad = await h.call('service', 'GET', '/v1/customers/c1/recommendations?top=0');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().details[0].field, /^query\.top/);
  assert.equal((await h.call('service', 'GET', '/v1/customers/nobody/recommendations')).statusCode, 404);
});

test('profile: attributes, features, segment, history summary', async () => {
  const r = await h.call('service', 'GET', '/v1/customers/c1');
  assert.equal(r.statusCode, 200);
  const p = r.json();
  assert.equal(p.customerId, 'c1');
  assert.equal(p.features.frequency, 3);
  assert.equal(p.features.monetary, 11);
  assert.equal(typeof p.segment, 'string');
  assert.equal(p.history.orders, 3);
  assert.equal(p.history.lastPurchase, '2021-02-05T10:00:00');
  assert.deepEqual(p.history.topFamilies, ['candles', 'mugs']);
  const bare = (await h.call('viewer', 'GET', '/v1/customers/c9')).json();
  assert.equal(bare.features, null);
  assert.equal(bare.history.orders, 0);
  assert.equal((await h.call('service', 'GET', '/v1/customers/nobody')).statusCode, 404);
});

test('order lines: service may ingest, viewer may not; 400 names the field; nothing written on a bad line', async () => {
  assert.equal((await h.call('viewer', 'POST', '/v1/order-lines', { lines: [{ customerId: 'c4', productId: 'p1' }] })).statusCode, 403);
  const twoLines = [
    { customerId: 'c4', productId: 'p1' },
    { customerId: 'c4', productId: 'p2', quantity: -1 },
  ];
  const bad = await h.call('service', 'POST', '/v1/order-lines', { lines: twoLines });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().details[0].field, 'body.lines.1.quantity');
  const n0 = (await h.store.one<{ n: bigint }>(`SELECT count(*) AS n FROM order_lines`))!.n;
  const unknown = await h.call('service', 'POST', '/v1/order-lines', {
    lines: [
      { customerId: 'c4', productId: 'p1' },
      { customerId: 'c4', productId: 'nope' },
    ],
  });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json().message, /body\.lines\.1\.productId: unknown product 'nope'/);
  assert.equal((await h.store.one<{ n: bigint }>(`SELECT count(*) AS n FROM order_lines`))!.n, n0);
  const badTs = await h.call('service', 'POST', '/v1/order-lines', { lines: [{ customerId: 'c4', productId: 'p1', ts: 'yesterday' }] });
  assert.equal(badTs.json().details[0].field, 'body.lines.0.ts');
});

test("an ingested purchase refreshes that customer's recommendations at once and does not move the default as-of", async () => {
  const asOf = (await defaultAsOf(h.store))!.toISOString();
  type Row = { recommended_item_id: string; last_update_date: string; score: number };
  const before = (await h.call('service', 'GET', '/v1/customers/c4/recommendations')).json().recommendations as Row[];
  const today = new Date().toISOString().slice(0, 10);
  const r = await h.call('service', 'POST', '/v1/order-lines', {
    lines: [{ customerId: 'c4', productId: 'p1', quantity: 3, unitPrice: 2, ts: `${today} 09:00` }],
  });
  assert.equal(r.statusCode, 200, r.body);
  const out = r.json();
  assert.equal(out.refreshed, true);
  assert.equal(out.tableUpdated, true);
  assert.ok(out.ms < 1000, `refresh took ${out.ms} ms`);
  const fresh = (await h.call('service', 'GET', '/v1/customers/c4/recommendations')).json().recommendations as typeof before;
  assert.deepEqual(
    fresh.map((x) => x.recommended_item_id),
    out.customers[0].recommendations.map((x: { product_id: string }) => x.product_id),
  );
  // the purchase reached the model: the list (items or their scores) is not the one before
  const pairs = (rows: { recommended_item_id: string; score?: number }[]) => rows.map((x) => `${x.recommended_item_id}:${x.score}`);
  assert.notDeepEqual(pairs(fresh), pairs(before));
  assert.ok(fresh[0].last_update_date > before[0].last_update_date);
  // p1 (a candle) now counts for c4: the bought item is in the list (repurchase) or its family is
  assert.ok(fresh.some((x) => x.recommended_item_id === 'p1' || x.recommended_item_id === 'p4'));
  assert.equal((await defaultAsOf(h.store))!.toISOString(), asOf, 'a real-time line must not move the default as-of');
  await h.ctx.live.settled(); // history summaries follow the answer
  const profile = (await h.call('service', 'GET', '/v1/customers/c4')).json();
  assert.equal(profile.history.orders, 2);
  assert.equal(profile.history.lastPurchase, `${today}T09:00:00`);
  // a brand-new customer: created, and gets a list from their first purchase
  const n = await h.call('marketer', 'POST', '/v1/order-lines', { lines: [{ customerId: 'c-new', productId: 'p2' }] });
  assert.equal(n.statusCode, 200, n.body);
  assert.ok((await h.call('service', 'GET', '/v1/customers/c-new/recommendations')).json().recommendations.length > 0);
  await h.ctx.live.settled();
  assert.equal((await h.call('service', 'GET', '/v1/customers/c-new')).statusCode, 200);
});

test('a batch of lines for several customers is stored in one call and refreshes each of them', async () => {
  const lines = [
    { customerId: 'c1', productId: 'p3' },
    { customerId: 'c2', productId: 'p4', quantity: 2 },
    { customerId: 'c1', productId: 'p2' },
  ];
  const r = await h.call('service', 'POST', '/v1/order-lines', { lines });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().lines, 3);
  assert.deepEqual(
    r
      .json()
      .customers.map((c: { customerId: string }) => c.customerId)
      .sort(),
    ['c1', 'c2'],
  );
  for (const c of ['c1', 'c2']) {
    const list = (await h.call('service', 'GET', `/v1/customers/${c}/recommendations`)).json().recommendations;
    const out = r.json().customers.find((x: { customerId: string }) => x.customerId === c).recommendations;
    assert.deepEqual(
      list.map((x: { recommended_item_id: string }) => x.recommended_item_id),
      out.map((x: { product_id: string }) => x.product_id),
    );
  }
});

test('events: stored by service keys, refused for viewers, 400 names the field', async () => {
  assert.equal((await h.call('viewer', 'POST', '/v1/events', { events: [{ customerId: 'c1', type: 'view' }] })).statusCode, 403);
  const bad = await h.call('service', 'POST', '/v1/events', { events: [{ customerId: 'c1', type: '' }] });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().details[0].field, 'body.events.0.type');
  const events = [
    { customerId: 'c1', type: 'view', productId: 'p2', ts: '2021-03-02 10:00' },
    { customerId: 'c7', type: 'click' },
  ];
  const ok = await h.call('service', 'POST', '/v1/events', { events });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json(), { events: 2, customers: 2 });
  assert.equal(Number((await h.store.one<{ n: bigint }>(`SELECT count(*) AS n FROM events`))!.n), 2);
  await h.ctx.live.settled();
  assert.equal((await h.call('service', 'GET', '/v1/customers/c7')).statusCode, 200);
});

test('the OpenAPI document lists the real-time and ingestion routes', async () => {
  const doc = (await h.call(null, 'GET', '/v1/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
  for (const p of [
    '/v1/customers/{id}/offers',
    '/v1/customers/{id}/recommendations',
    '/v1/customers/{id}',
    '/v1/order-lines',
    '/v1/events',
  ]) {
    assert.ok(doc.paths[p], `${p} missing from the OpenAPI document`);
  }
  assert.ok(JSON.stringify(doc.paths['/v1/order-lines']).includes('unitPrice'));
});

test('recomputed recommendations replace the lists in memory', async () => {
  const job = await h.call('marketer', 'POST', '/v1/recommendations', { target: 'table', top: 2 });
  assert.equal(job.statusCode, 202, job.body);
  assert.equal((await waitForJob(h, job.json().job.jobId)).status, 'succeeded');
  for (let i = 0; i < 100 && h.ctx.live.recs.lists?.n !== 2; i++) {
    await h.ctx.live.settled();
    await new Promise((r) => setTimeout(r, 20));
  }
  const rows = (await h.call('service', 'GET', '/v1/customers/c2/recommendations')).json().recommendations;
  assert.equal(rows.length, 2);
});
