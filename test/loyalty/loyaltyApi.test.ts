// The loyalty API in-process: a member picks through a service key, staff edit as marketer
// (audited), refusals carry the reason, and GET /v1/customers/:id/loyalty shows it all in one read.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiHarness, type ApiHarness } from '../helpers/apiHarness.ts';
import { memberStore } from './memberStore.ts';

let h: ApiHarness;
before(async () => {
  h = await apiHarness(await memberStore());
  await h.store.run(`INSERT INTO favourite_eligible VALUES ('p1', NULL, NULL), ('p2', NULL, NULL), ('p3', NULL, NULL)`);
  await h.store.run(`INSERT INTO favourite_categories VALUES ('c1', 'candles', NULL, NULL), ('c1', 'old', NULL, '2021-01-01')`);
  await h.store.run(`INSERT INTO offers (offer_id, name, level, customer_ids) VALUES ('vip', 'VIP bags', 'individual', ['c1', 'c3']),
    ('others', 'Not for c1', 'individual', ['c2'])`);
  await h.store.run(`INSERT INTO personal_offers VALUES ('c1', 'vip', '10% off bags', ['p3'], 'percent_off', 10, NULL, NULL, 'file')`);
});
after(async () => {
  await h.close();
});

test('settings: viewers read, marketers change, bad values are a 400 naming the field', async () => {
  assert.deepEqual((await h.call('viewer', 'GET', '/v1/loyalty/settings')).json(), { cells: 3, autofill: true, lockDays: 30 });
  assert.equal((await h.call('viewer', 'PATCH', '/v1/loyalty/settings', { cells: 2 })).statusCode, 403);
  const bad = await h.call('marketer', 'PATCH', '/v1/loyalty/settings', { cells: 0 });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().message, /cells/);
  assert.equal((await h.call('marketer', 'PATCH', '/v1/loyalty/settings', { cells: 2 })).json().cells, 2);
});

test("a member picks through the app's service key; refusals give the reason", async () => {
  const pick = (body: object) => h.call('service', 'POST', '/v1/customers/c1/favourites', body);
  const ok = await pick({ cell: 1, productId: 'p1', from: '2030-01-01' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().source, 'member');
  const beyond = await pick({ cell: 3, productId: 'p2', from: '2030-01-01' });
  assert.equal(beyond.statusCode, 400);
  assert.match(beyond.json().message, /cell: 3 is beyond the 2 cells/);
  const notEligible = await pick({ cell: 2, productId: 'p4', from: '2030-01-01' });
  assert.match(notEligible.json().message, /product: p4 is not eligible as a favourite on 2030-01-01/);
  const locked = await pick({ cell: 1, productId: 'p2', from: '2030-01-02' });
  assert.match(locked.json().message, /locked until 2030-01-31/);
  assert.equal((await h.call('viewer', 'POST', '/v1/customers/c1/favourites', { cell: 2, productId: 'p2' })).statusCode, 403);
  assert.equal((await h.call('service', 'GET', '/v1/customers/nobody/loyalty')).statusCode, 404);
});

test('a marketer edit is audited with the staff member and the change', async () => {
  const r = await h.call('marketer', 'PUT', '/v1/customers/c1/favourites/1', { productId: 'p2', from: '2030-01-02' });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().source, 'staff');
  const res = await h.call('admin', 'GET', '/v1/audit?action=loyalty&limit=10');
  assert.equal(res.statusCode, 200, res.body);
  const audit = res.json();
  const entries = audit as { actor: string; action: string; detail: string | null; target: string }[];
  const edit = entries.find((e) => e.action === 'loyalty.favourites.edit');
  assert.ok(edit, JSON.stringify(audit).slice(0, 500));
  assert.match(edit.actor, /test-marketer/);
  assert.equal(edit.target, 'c1/1');
  assert.equal(edit.detail, 'cell 1: p1 → p2 from 2030-01-02 00:00');
});

test('GET /v1/customers/:id/loyalty: favourites, editable cells, categories, personal and individual offers', async () => {
  const r = await h.call('service', 'GET', '/v1/customers/c1/loyalty?at=2030-01-05');
  assert.equal(r.statusCode, 200, r.body);
  const v = r.json();
  assert.equal(v.member, true);
  assert.deepEqual(
    v.favourites.map((c: { cell: number; productId: string | null; source: string | null; memberMayEdit: boolean }) => [
      c.cell,
      c.productId,
      c.source,
      c.memberMayEdit,
    ]),
    [
      [1, 'p2', 'staff', false],
      [2, null, null, true],
    ],
  );
  assert.equal(v.favourites[0].memberMayEditFrom.slice(0, 10), '2030-01-31'); // the member's own pick of 2030-01-01 still locks it
  assert.equal(v.favourites[0].productName, 'Mug');
  assert.equal(v.eligible.count, 3);
  assert.deepEqual(
    v.categories.map((c: { category: string }) => c.category),
    ['candles'],
  );
  type Po = { offerId: string; products: string[]; benefitValue: number };
  assert.deepEqual(
    v.personalOffers.map((o: Po) => [o.offerId, o.products, o.benefitValue]),
    [['vip', ['p3'], 10]],
  );
  assert.deepEqual(
    v.individualOffers.map((o: { offerId: string }) => o.offerId),
    ['vip'],
  );
  assert.equal(v.history.length, 2);
});
