import { test } from 'node:test';
import assert from 'node:assert/strict';
import { b2SetupFromInteractions } from '../../src/backtest/b2SetupFromInteractions.ts';
import { b2Setup } from '../../src/backtest/b2.ts';
import { Store } from '../../src/store/store.ts';
import { parseDateArg } from '../../src/snapshot/interactions.ts';

const day = (d: string) => parseDateArg(d).getTime();

// Products p0..p3: p0 family x, p1 family y, p2 family other, p3 no family.
// History (before 2011-09-01): c0 p0 £10; c1 p1 £5; c1 p2 £100; c2 p3 £1.
// Test: c0 p1; c1 p2; c2 p0.
function tiny() {
  const ts = ['2011-08-01', '2011-08-02', '2011-08-03', '2011-08-04', '2011-09-02', '2011-09-03', '2011-09-04'].map(day);
  return {
    x: {
      customerIds: ['c0', 'c1', 'c2'],
      productIds: ['p0', 'p1', 'p2', 'p3'],
      cust: Int32Array.from([0, 1, 1, 2, 0, 1, 2]),
      prod: Int32Array.from([0, 1, 2, 3, 1, 2, 0]),
      qty: Float64Array.from([1, 1, 1, 1, 1, 1, 1]),
      amount: Float64Array.from([10, 5, 100, 1, 1, 1, 1]),
      ts: Float64Array.from(ts),
      order: Int32Array.from([0, 1, 2, 3, 4, 5, 6]),
    },
    attr: { attribute: 'family', values: ['x', 'y', 'other'], codes: Int32Array.from([0, 1, 2, -1]) },
  };
}

test('b2SetupFromInteractions: pool by history revenue without excluded values, customer sets, labels', () => {
  const { x, attr } = tiny();
  const s = b2SetupFromInteractions(x, attr, { asOf: parseDateArg('2011-09-01') });
  assert.deepEqual(s.offers, ['x', 'y']); // 'other' (£100) excluded; x £10 before y £5
  assert.deepEqual([...s.offerOfProduct], [0, 1, -1, -1]);
  assert.deepEqual([...s.aucCustomers], [0, 1]); // c2's only history product has no family
  assert.deepEqual([...s.rankingCustomers], [0]); // c1's test purchase is outside the pool
  assert.deepEqual([...s.testLabels], [0, 1, 0, 0, 1, 0]);
  assert.equal(s.history.lineCust.length, 4);
  assert.deepEqual([...s.history.lineOffer], [0, 1, -1, -1]);
  assert.deepEqual([...s.popularity], [1, 1]);
  const one = b2SetupFromInteractions(x, attr, { asOf: parseDateArg('2011-09-01'), poolSize: 1 });
  assert.deepEqual(one.offers, ['x']);
  const cut = b2SetupFromInteractions(x, attr, { asOf: parseDateArg('2011-09-01'), testEnd: parseDateArg('2011-09-03') });
  assert.deepEqual([...cut.testLabels], [0, 1, 0, 0, 0, 0]); // c2's 09-04 purchase is after the test end
});

test('b2Setup reads the same setup from a store', async () => {
  const store = await Store.open(':memory:');
  try {
    await store.run(`ALTER TABLE products ADD COLUMN family VARCHAR`);
    await store.run(
      `INSERT INTO products VALUES ('p0', 'P0', 1, 'x'), ('p1', 'P1', 1, 'y'), ('p2', 'P2', 1, 'other'), ('p3', 'P3', 1, NULL)`,
    );
    const { x } = tiny();
    for (let i = 0; i < x.cust.length; i++) {
      await store.run(
        `INSERT INTO order_lines (order_id, product_id, line_no, customer_id, quantity, unit_price, amount, ts)
        VALUES (?, ?, 1, ?, 1, ?, ?, make_timestamp(?::BIGINT * 1000))`,
        [`o${i}`, x.productIds[x.prod[i]], x.customerIds[x.cust[i]], x.amount[i], x.amount[i], x.ts[i]],
      );
    }
    const s = await b2Setup(store, { asOf: parseDateArg('2011-09-01') });
    assert.deepEqual(s.offers, ['x', 'y']);
    assert.deepEqual([...s.rankingCustomers], [0]);
    assert.deepEqual([...s.aucCustomers], [0, 1]);
    assert.deepEqual([...s.testLabels], [0, 1, 0, 0, 1, 0]);
  } finally {
    store.close();
  }
});
