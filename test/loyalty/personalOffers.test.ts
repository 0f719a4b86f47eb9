// Personal offers from the engine: TOR results and recommendations, with the terms of the offer
// configured once; members only; re-runs replace the same (customer, offer) pairs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { personalOffersFromRecs } from '../../src/loyalty/personalOffersFromRecs.ts';
import { personalOffersFromTor } from '../../src/loyalty/personalOffersFromTor.ts';
import { memberStore } from './memberStore.ts';

async function store() {
  const s = await memberStore(['c4']);
  await s.run(`INSERT INTO offers (offer_id, name, scope_products, mechanism, value, valid_from, valid_to, level) VALUES
    ('mugs', '3 off mugs', ['p2'], 'amount_off', 3, '2030-01-01', '2030-01-31', 'all'),
    ('picks', '10% off your picks', ['p1', 'p2', 'p4'], 'percent_off', 10, NULL, NULL, 'individual')`);
  await s.run(`INSERT INTO tors (tor_id, name, settings, offers, status, priority_count, created_at, updated_at)
    VALUES ('T1', 't', '{}', '[]', 'ready', 1, now()::TIMESTAMP, now()::TIMESTAMP),
      ('T2', 'empty', '{}', '[]', 'draft', 1, now()::TIMESTAMP, now()::TIMESTAMP)`);
  await s.run(`INSERT INTO tor_results (tor_id, customer_id, priority, offer_id, score, reason)
    VALUES ('T1', 'c1', 1, 'mugs', 0.9, NULL), ('T1', 'c4', 1, 'mugs', 0.8, NULL)`);
  return s;
}
type Row = {
  customer_id: string;
  offer_id: string;
  terms: string;
  products: string[];
  benefit_type: string;
  benefit_value: number;
  source: string;
};
const rows = (s: Awaited<ReturnType<typeof store>>) =>
  s.all<Row>(`SELECT customer_id, offer_id, terms, products, benefit_type, benefit_value, source FROM personal_offers ORDER BY 1, 2`);

test("TOR results of members become personal offers with the offer's terms", async () => {
  const s = await store();
  const r = await personalOffersFromTor(s, 'T1');
  assert.deepEqual(r, { source: 'tor', rows: 1, customers: 1, offers: 1 }); // c4 is not a member
  assert.deepEqual(await rows(s), [
    {
      customer_id: 'c1',
      offer_id: 'mugs',
      terms: '3 off mugs',
      products: ['p2'],
      benefit_type: 'amount_off',
      benefit_value: 3,
      source: 'tor',
    },
  ]);
  await personalOffersFromTor(s, 'T1');
  assert.equal((await rows(s)).length, 1); // replaced, not duplicated
  await assert.rejects(personalOffersFromTor(s, 'T2'), /TOR T2 has no results: compute it first/);
  await assert.rejects(personalOffersFromTor(s, 'T9'), /no TOR T9/);
  s.close();
});

test('recommendations give each member the top products of one offer, within its product list', async () => {
  const s = await store();
  await assert.rejects(personalOffersFromRecs(s, 'picks', 2), /no product recommendations stored/);
  await s.run(`CREATE TABLE product_recommendations AS SELECT * FROM (VALUES
    ('c1', 'p3', 1), ('c1', 'p4', 2), ('c1', 'p1', 3), ('c1', 'p2', 4), ('c2', 'p2', 1), ('c4', 'p1', 1))
    t(user_unique_id, recommended_item_id, ranking)`);
  const r = await personalOffersFromRecs(s, 'picks', 2);
  assert.deepEqual([r.rows, r.customers], [2, 2]);
  assert.deepEqual(
    (await rows(s)).map((x) => [x.customer_id, x.products, x.source, x.benefit_value]),
    [
      ['c1', ['p4', 'p1'], 'recs', 10],
      ['c2', ['p2'], 'recs', 10],
    ],
  ); // p3 is outside the offer; c4 is not a member
  await assert.rejects(personalOffersFromRecs(s, 'nope', 2), /no offer nope/);
  s.close();
});
