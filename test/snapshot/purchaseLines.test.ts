import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { interactionsFromStore, purchaseLinesFromStore } from '../../src/snapshot/interactions.ts';
import { torHistoryFromStore } from '../../src/tor/offerLinesForTor.ts';
import type { Offer } from '../../src/domain/types.ts';

// Ties on ts (one order with several lines, two customers' orders at the same second) make the order of the read visible;
// with one order per customer and ts, ordering by customer and by order id agree.
async function store(): Promise<Store> {
  const s = await Store.open(':memory:');
  await s.run(`INSERT INTO products (product_id, name, price) VALUES ('a', 'A', 1), ('b', 'B', 1), ('c', 'C', 1)`);
  await s.run(`ALTER TABLE products ADD COLUMN family VARCHAR`);
  await s.run(`UPDATE products SET family = CASE product_id WHEN 'c' THEN 'y' ELSE 'x' END`);
  await s.run(`INSERT INTO order_lines (order_id, product_id, line_no, customer_id, quantity, unit_price, amount, ts) VALUES
    ('o2','b',0,'c2',1,2,2,'2020-01-01 10:00'), ('o1','b',0,'c1',1,2,2,'2020-01-01 10:00'), ('o1','a',0,'c1',2,1,2,'2020-01-01 10:00'),
    ('o1','a',1,'c1',1,1,1,'2020-01-01 10:00'), ('o3','c',0,'c2',3,1,3,'2020-01-02 09:00'), ('o0','a',0,'c3',1,1,1,'2019-12-31 23:00')`);
  return s;
}

test('purchaseLinesFromStore reads the lines of interactionsFromStore, by ts then customer, without baskets', async () => {
  const s = await store();
  const full = await interactionsFromStore(s);
  const light = await purchaseLinesFromStore(s);
  assert.deepEqual(light.customerIds, full.customerIds);
  assert.deepEqual(light.productIds, full.productIds);
  for (const k of ['cust', 'prod', 'amount', 'ts'] as const) assert.deepEqual([...light[k]], [...full[k]], k);
  // ts, then order id, product, line number: o0 first, then o1's a, a, b, then o2, then o3.
  assert.deepEqual([...full.order], [0, 1, 1, 1, 2, 3]);
  assert.deepEqual(
    [...light.prod].map((p) => light.productIds[p]),
    ['a', 'a', 'a', 'b', 'b', 'c'],
  );
  s.close();
});

test('TOR history: one offer per line reuses the read arrays; overlapping scopes repeat a line per offer', async () => {
  const s = await store();
  const offer = (offerId: string, value: string | null): Offer =>
    ({
      offerId,
      name: offerId,
      scope: value ? { kind: 'attribute', attribute: 'family', value } : { kind: 'products', productIds: ['a'] },
    }) as Offer;
  const asOf = new Date('2020-02-01T00:00:00Z');
  const single = await torHistoryFromStore(s, [offer('fx', 'x'), offer('fy', 'y')], asOf);
  assert.deepEqual([...single.lines.lineOffer], [0, 0, 0, 0, 0, 1]);
  assert.equal(single.lines.lineCust.length, 6);
  // 'a' is in family x and in the product-list offer: its three lines count for both offers.
  const overlap = await torHistoryFromStore(s, [offer('fx', 'x'), offer('fa', null)], asOf);
  assert.equal(overlap.lines.lineOffer.length, 9);
  assert.deepEqual([...overlap.lines.lineOffer], [0, 1, 0, 1, 0, 1, 0, 0, -1]);
  assert.deepEqual([...overlap.activeCustomers], [0, 1, 2]);
  s.close();
});
