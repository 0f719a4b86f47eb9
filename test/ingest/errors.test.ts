// One test per validation error class: the message names file, line, column and reason, and the
// store is exactly as it was before the import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/domain/errors.ts';
import { importFile, type ImportOptions } from '../../src/ingest/importFile.ts';
import { Store } from '../../src/store/store.ts';
import { CUSTOMERS_CSV, LINES_CSV, PRODUCTS_CSV, snapshot, tempDir, writeText } from './fixtures.ts';

const dir = tempDir();

/** A store holding customers, products and lines, then a failing import that must change nothing. */
async function expectRejected(table: string, csv: string, expected: RegExp[], opts: Partial<ImportOptions> = {}): Promise<InputError> {
  const store = await Store.open(':memory:');
  try {
    await importFile(store, { table: 'customers', file: writeText(dir, 'c.csv', CUSTOMERS_CSV) });
    await importFile(store, { table: 'products', file: writeText(dir, 'p.csv', PRODUCTS_CSV) });
    await importFile(store, { table: 'order_lines', file: writeText(dir, 'l.csv', LINES_CSV) });
    const before = await snapshot(store);
    const file = writeText(dir, `bad-${table}.csv`, csv);
    const err = await importFile(store, { table, file, ...opts }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err instanceof InputError, `expected an InputError, got ${String(err)}`);
    for (const re of expected) assert.match(err.message, re);
    assert.ok(err.message.includes(file), 'names the file');
    assert.equal(await snapshot(store), before, 'stored data unchanged');
    return err;
  } finally {
    store.close();
  }
}

test('missing id', async () => {
  await expectRejected('customers', 'customer_id,segment\nc9,gold\n,silver\n', [/bad-customers\.csv:3: column customer_id: missing id/]);
});

test('unparseable number', async () => {
  await expectRejected('order_lines', 'order_id,product_id,customer_id,quantity,unit_price,ts\no9,p1,c1,two,3.5,2011-02-01\n', [
    /bad-order_lines\.csv:2: column quantity: not a number: 'two'/,
  ]);
});

test('unparseable date', async () => {
  await expectRejected(
    'order_lines',
    'order_id,product_id,customer_id,quantity,unit_price,ts\no9,p1,c1,1,3.5,2011-02-01\no9,p2,c1,1,2,01/02/2011\n',
    [/:3: column ts: not a date: '01\/02\/2011'/],
  );
});

test('impossible date', async () => {
  await expectRejected('order_lines', 'order_id,product_id,customer_id,quantity,unit_price,ts\no9,p1,c1,1,3.5,2011-02-30\n', [
    /:2: column ts: not a date: '2011-02-30'/,
  ]);
});

test('negative price', async () => {
  await expectRejected('order_lines', 'order_id,product_id,customer_id,quantity,unit_price,ts\no9,p1,c1,1,-3.5,2011-02-01\n', [
    /:2: column unit_price: negative price: -3.5/,
  ]);
});

test('unknown customer and product with --check-refs', async () => {
  await expectRejected(
    'order_lines',
    'order_id,product_id,customer_id,quantity,unit_price,ts\no9,p1,c404,1,1,2011-02-01\no9,p404,c1,1,1,2011-02-01\n',
    [/:2: column customer_id: unknown customer 'c404'/, /:3: column product_id: unknown product 'p404'/],
    { checkRefs: true },
  );
});

test('duplicate key within the file', async () => {
  await expectRejected('products', 'product_id,name\np7,A\np8,B\np7,C\n', [
    /:4: column product_id: duplicate product_id 'p7' \(first at line 2\)/,
  ]);
});

test('unknown offer mechanism and level', async () => {
  await expectRejected('offers', 'offer_id,name,mechanism,level,value\nf1,Ten off,percent_off,all,10\nf2,Gift,gift,vip,1\n', [
    /:3: column mechanism: unknown mechanism 'gift'/,
    /:3: column level: unknown level 'vip'/,
  ]);
});

test('a row with the wrong number of fields', async () => {
  await expectRejected('customers', 'customer_id,segment\nc9,gold\nc10,silver,extra\n', [
    /:3: column \(row\): Expected Number of Columns: 2 Found: 3/,
  ]);
});

test('mapped column names appear in messages; only --max-errors problems are listed', async () => {
  const rows = ['Client,Segment', ...Array.from({ length: 30 }, (_, i) => (i % 2 ? `x${i},a` : `,a`))].join('\n') + '\n';
  const err = await expectRejected('customers', rows, [/:2: column Client \(customer_id\): missing id/, /and 10 more problem/], {
    map: ['customer_id=Client'],
    maxErrors: 5,
  });
  assert.equal(err.problems.length, 5);
  assert.equal(err.total, 15);
});

test('line numbers are physical lines: blank lines and multi-line quoted fields counted', async () => {
  const csv = 'customer_id,note\nc1,a\n\nc2,"two\nlines"\n,b\nc1,c\n';
  await expectRejected('customers', csv, [
    /:6: column customer_id: missing id/,
    /:7: column customer_id: duplicate customer_id 'c1' \(first at line 2\)/,
  ]);
});
