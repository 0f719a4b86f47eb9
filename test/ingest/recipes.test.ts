import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { importFile } from '../../src/ingest/importFile.ts';
import { getHierarchy } from '../../src/store/meta.ts';
import { Store } from '../../src/store/store.ts';
import { snapshot, tempDir, writeText } from './fixtures.ts';

const dir = tempDir();
// A hand-made raw UCI-style file: purchases, a matched and an unmatched cancellation, a line
// without customer, a POST line, a negative-price adjustment and a repeated identical line.
const RAW =
  [
    '"InvoiceNo","StockCode","Description","Quantity","InvoiceDate","UnitPrice","CustomerID","Country"',
    '"536365","85123A","WHITE HEART",6,"2010-12-01 08:26:00",2.55,17850,"United Kingdom"', // 2
    '"536366","85123A","WHITE HEART T-LIGHT",2,"2010-12-02 09:00:00",2.75,17850,"United Kingdom"', // 3
    '"536366","85123A","WHITE HEART T-LIGHT",2,"2010-12-02 09:00:00",2.75,17850,"United Kingdom"', // 4 same line again
    '"536367","22633","HAND WARMER",1,"2010-12-02 10:00:00",1.85,13047,"France"', // 5
    '"C536368","85123A","WHITE HEART",-6,"2010-12-03 10:00:00",2.55,17850,"United Kingdom"', // 6 cancels 536365 (536366 has only 2)
    '"C536369","22633","HAND WARMER",-5,"2010-12-03 11:00:00",1.85,13047,"France"', // 7 unmatched: bought 1
    '"536370","22633","HAND WARMER",3,"2010-12-04 10:00:00",1.85,,"United Kingdom"', // 8 no customer
    '"536371","POST","POSTAGE",1,"2010-12-04 11:00:00",18,12583,"France"', // 9 postage
    '"A563185","B","Adjust bad debt",1,"2011-08-12 14:50:00",-11062.06,,"United Kingdom"', // 10 no customer (first rule wins)
    '"536372","22633","HAND WARMER",2,"2010-12-05 10:00:00",0,13047,"France"', // 11 free: kept
    '"536373","22634","CHILD WARMER",1,"2010-12-05 10:00:00",-1,12583,"France"', // 12 negative price
  ].join('\n') + '\n';

test('online-retail recipe: drop counts per rule, returns linked, customers and products derived', async () => {
  const s = await Store.open(':memory:');
  const file = `${dir}/online_retail.csv.gz`;
  writeFileSync(file, gzipSync(RAW));
  const r = await importFile(s, { file, recipe: 'online-retail' });
  assert.equal(r.table, 'order_lines');
  assert.equal(r.rowsRead, 11);
  assert.deepEqual(r.dropped, { 'missing CustomerID': 2, 'non-product stock code': 1, 'negative price': 1 });
  assert.equal(r.rowsKept, 7);
  assert.deepEqual(r.returns, { linked: 1, unlinked: 1 });
  const lines = await s.all<{ order_id: string; line_no: number; kind: string; cancels_order_id: string | null }>(
    `SELECT order_id, line_no, kind, cancels_order_id FROM order_lines ORDER BY order_id, line_no`,
  );
  assert.deepEqual(
    lines.map((l) => `${l.order_id}/${l.line_no}/${l.kind}/${l.cancels_order_id ?? '-'}`),
    [
      '536365/0/purchase/-',
      '536366/0/purchase/-',
      '536366/1/purchase/-',
      '536367/0/purchase/-',
      '536372/0/purchase/-',
      'C536368/0/return/536365',
      'C536369/0/return/-',
    ],
  );
  assert.deepEqual(await s.all(`SELECT customer_id, country FROM customers ORDER BY 1`), [
    { customer_id: '13047', country: 'France' },
    { customer_id: '17850', country: 'United Kingdom' },
  ]);
  const prods = await s.all<{ product_id: string; name: string; price: number }>(`SELECT product_id, name, price FROM products ORDER BY 1`);
  assert.deepEqual(prods, [
    { product_id: '22633', name: 'HAND WARMER', price: 0.925 },
    { product_id: '85123A', name: 'WHITE HEART', price: 2.75 }, // 2 vs 2 lines: ties go to the first name in sort order
  ]);
  // Re-running the recipe changes nothing.
  const before = await snapshot(s);
  const again = await importFile(s, { file, recipe: 'online-retail' });
  assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 7]);
  assert.equal(await snapshot(s), before);
  s.close();
});

test('families recipe: department and family attributes plus the declared hierarchy', async () => {
  const s = await Store.open(':memory:');
  await s.run(`INSERT INTO products VALUES ('85123A', 'WHITE HEART', 2.55)`);
  const file = writeText(
    dir,
    'families.csv',
    'stock_code,department,family\n"85123A","Home decor",candles\n"22633","Kitchen & dining",mugs-cups\n',
  );
  const r = await importFile(s, { table: 'products', file, recipe: 'families' });
  assert.deepEqual([r.inserted, r.updated], [1, 1]);
  assert.deepEqual(await s.all(`SELECT product_id, name, department, family FROM products ORDER BY 1`), [
    { product_id: '22633', name: null, department: 'Kitchen & dining', family: 'mugs-cups' },
    { product_id: '85123A', name: 'WHITE HEART', department: 'Home decor', family: 'candles' },
  ]);
  assert.deepEqual(await getHierarchy(s), ['department', 'family']);
  await assert.rejects(importFile(s, { table: 'customers', file, recipe: 'families' }), /imports into products, not customers/);
  await assert.rejects(importFile(s, { file, recipe: 'nope' }), /unknown recipe 'nope'/);
  s.close();
});

test('completejourney-transactions recipe: unit price from sales value, local wall clock, zero quantity dropped', async () => {
  const s = await Store.open(':memory:');
  const file = writeText(
    dir,
    'transactions_sample.csv',
    [
      '"household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","coupon_disc","coupon_match_disc","week","transaction_timestamp"',
      '"2261","309","31625220889","940996",2,3.86,0.43,0,0,5,"2017-01-28T14:06:53-0500"',
      '"2131","368","32053127496","873902",0,1.59,0.9,0,0,10,"2017-02-28T22:31:57-0500"',
    ].join('\n') + '\n',
  );
  const r = await importFile(s, { file, recipe: 'completejourney-transactions' });
  assert.deepEqual(r.dropped, { 'zero quantity': 1 });
  const l = await s.one<{ order_id: string; customer_id: string; unit_price: number; amount: number; ts: Date }>(
    `SELECT * FROM order_lines`,
  );
  assert.equal(l!.order_id, '31625220889');
  assert.equal(l!.customer_id, '2261');
  assert.equal(l!.unit_price, 1.93);
  assert.equal(l!.amount, 3.86);
  assert.equal(l!.ts.toISOString(), '2017-01-28T14:06:53.000Z');
  s.close();
});
