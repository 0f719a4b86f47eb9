import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importFile } from '../../src/ingest/importFile.ts';
import { getMeta } from '../../src/store/meta.ts';
import { Store } from '../../src/store/store.ts';
import { CUSTOMERS_CSV, LINES_CSV, snapshot, tempDir, writeText } from './fixtures.ts';

const dir = tempDir();

test('order lines: amount computed, bare customers/products created, re-import is idempotent', async () => {
  const s = await Store.open(':memory:');
  const file = writeText(dir, 'lines.csv', LINES_CSV);
  const first = await importFile(s, { table: 'order_lines', file });
  assert.deepEqual([first.rowsRead, first.inserted, first.updated, first.unchanged], [3, 3, 0, 0]);
  assert.deepEqual(first.created, { customers: 2, products: 2 });
  const rows = await s.all<{ amount: number; ts: Date; kind: string }>(
    `SELECT amount, ts, kind FROM order_lines ORDER BY order_id, product_id`,
  );
  assert.deepEqual(
    rows.map((r) => r.amount),
    [7, 2, 3.5],
  );
  assert.equal(rows[1].ts.toISOString(), '2011-01-02T10:00:00.000Z');
  assert.equal(rows[2].ts.toISOString(), '2011-01-03T00:00:00.000Z');
  const before = await snapshot(s);
  const again = await importFile(s, { table: 'order_lines', file });
  assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 3]);
  assert.equal(await snapshot(s), before);
  // A changed price on re-import updates the line in place.
  const changed = writeText(dir, 'lines2.csv', LINES_CSV.replace('o2,p1,c2,1,3.5', 'o2,p1,c2,1,4'));
  const third = await importFile(s, { table: 'order_lines', file: changed });
  assert.deepEqual([third.inserted, third.updated, third.unchanged], [0, 1, 2]);
  assert.equal((await s.one<{ a: number }>(`SELECT amount AS a FROM order_lines WHERE order_id = 'o2'`))!.a, 4);
  s.close();
});

test('repeated identical lines are kept, numbered by their ordinal in the file', async () => {
  const s = await Store.open(':memory:');
  const csv =
    'order_id,product_id,customer_id,quantity,unit_price,ts\no1,p1,c1,1,2,2011-01-01\no1,p2,c1,1,2,2011-01-01\no1,p1,c1,1,2,2011-01-01\no1,p1,c1,1,2,2011-01-01\n';
  const file = writeText(dir, 'dups.csv', csv);
  await importFile(s, { table: 'order_lines', file });
  const r = await s.all<{ product_id: string; line_no: number }>(
    `SELECT product_id, line_no FROM order_lines ORDER BY product_id, line_no`,
  );
  assert.deepEqual(
    r.map((x) => `${x.product_id}#${x.line_no}`),
    ['p1#0', 'p1#1', 'p1#2', 'p2#0'],
  );
  const again = await importFile(s, { table: 'order_lines', file });
  assert.equal(again.unchanged, 4);
  assert.equal((await s.one<{ n: bigint }>(`SELECT count(*) AS n FROM order_lines`))!.n, 4n);
  s.close();
});

test('a --map is saved in the store and reused by the next import without flags', async () => {
  const s = await Store.open(':memory:');
  const a = writeText(dir, 'm1.csv', 'CustomerID,Country\n17850,UK\n');
  const b = writeText(dir, 'm2.csv', 'CustomerID,Country\n12345,FR\n17850,DE\n');
  await importFile(s, { table: 'customers', file: a, map: ['customer_id=CustomerID'] });
  assert.deepEqual(await getMeta(s, 'mapping:customers'), { customer_id: 'CustomerID' });
  const r = await importFile(s, { table: 'customers', file: b });
  assert.deepEqual([r.inserted, r.updated], [1, 1]);
  const rows = await s.all<{ customer_id: string; Country: string }>(`SELECT customer_id, "Country" FROM customers ORDER BY 1`);
  assert.deepEqual(
    rows.map((x) => `${x.customer_id}:${x.Country}`),
    ['12345:FR', '17850:DE'],
  );
  s.close();
});

test('extra customer/product columns become typed attribute columns; absent columns are kept', async () => {
  const s = await Store.open(':memory:');
  await importFile(s, { table: 'customers', file: writeText(dir, 'cust.csv', CUSTOMERS_CSV) });
  const types = await s.all<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'customers' ORDER BY ordinal_position`,
  );
  assert.deepEqual(
    types.map((t) => `${t.column_name}:${t.data_type}`),
    ['customer_id:VARCHAR', 'segment:VARCHAR', 'age:BIGINT'],
  );
  // A later file with only the segment updates it and leaves age alone.
  await importFile(s, { table: 'customers', file: writeText(dir, 'cust2.csv', 'customer_id,segment\nc1,platinum\n') });
  assert.deepEqual(await s.one(`SELECT segment, age FROM customers WHERE customer_id = 'c1'`), { segment: 'platinum', age: 31n });
  s.close();
});

test("';'-separated file with decimal commas (detected, and forced with decimalComma)", async () => {
  const s = await Store.open(':memory:');
  const csv =
    'order_id;product_id;customer_id;quantity;unit_price;ts\no1;p1;c1;2;1,50;2011-01-02 10:00\no2;p1;c1;1;1.234,50;2011-01-03 10:00\n';
  const r = await importFile(s, { table: 'order_lines', file: writeText(dir, 'semi.csv', csv) });
  assert.equal(r.dialect?.delimiter, ';');
  assert.equal(r.dialect?.decimalComma, true);
  const rows = await s.all<{ unit_price: number; amount: number }>(`SELECT unit_price, amount FROM order_lines ORDER BY order_id`);
  assert.deepEqual(rows, [
    { unit_price: 1.5, amount: 3 },
    { unit_price: 1234.5, amount: 1234.5 },
  ]);
  const forced = await importFile(s, {
    table: 'products',
    file: writeText(dir, 'semi-p.csv', 'product_id;price\np1;2,5\n'),
    decimalComma: true,
    delimiter: ';',
  });
  assert.equal(forced.inserted + forced.updated, 1);
  assert.equal((await s.one<{ price: number }>(`SELECT price FROM products WHERE product_id = 'p1'`))!.price, 2.5);
  s.close();
});

test('timestamps with T, and with a zone offset converted to UTC wall clock', async () => {
  const s = await Store.open(':memory:');
  const csv =
    'customer_id,type,ts\nc1,view,2011-01-02T10:00:00\nc1,view,2011-01-02T10:00:00+02:00\nc1,view,2011-01-02 10:00Z\nc1,view,2011-01-02T10:00:00-0130\n';
  await importFile(s, { table: 'events', file: writeText(dir, 'ev.csv', csv) });
  const ts = (await s.all<{ ts: Date }>(`SELECT ts FROM events ORDER BY line_no, ts`)).map((r) => r.ts.toISOString().slice(11, 16)).sort();
  assert.deepEqual(ts, ['08:00', '10:00', '10:00', '11:30']);
  s.close();
});

test('parquet and ndjson inputs (written with DuckDB COPY)', async () => {
  const s = await Store.open(':memory:');
  const pq = `${dir}/lines.parquet`;
  await s.run(`COPY (SELECT * FROM (VALUES ('o1', 'p1', 17850.0, 2, 1.5, TIMESTAMP '2011-01-02 10:00'), ('o1', 'p1', 17850.0, 2, 1.5, TIMESTAMP '2011-01-02 10:00'))
    t(order_id, product_id, customer_id, quantity, unit_price, ts)) TO '${pq}' (FORMAT parquet)`);
  const r = await importFile(s, { table: 'order_lines', file: pq });
  assert.equal(r.format, 'parquet');
  assert.equal(r.inserted, 2);
  assert.deepEqual(await s.all(`SELECT DISTINCT customer_id FROM order_lines`), [{ customer_id: '17850' }]);
  // An offer's scope_attribute must name a product attribute (else every later TOR query fails).
  await s.run(`ALTER TABLE products ADD COLUMN family VARCHAR`);
  const nd = `${dir}/offers.ndjson`;
  await s.run(`COPY (SELECT * FROM (VALUES ('f1', 'Candles 10%', 'family', 'candles', 'percent_off', 10.0), ('f2', 'Mugs', NULL, NULL, 'bogo', NULL))
    t(offer_id, name, scope_attribute, scope_value, mechanism, value)) TO '${nd}' (FORMAT json)`);
  const o = await importFile(s, { table: 'offers', file: nd });
  assert.equal(o.format, 'ndjson');
  assert.deepEqual(await s.all(`SELECT offer_id, scope_value, mechanism, level FROM offers ORDER BY 1`), [
    { offer_id: 'f1', scope_value: 'candles', mechanism: 'percent_off', level: 'all' },
    { offer_id: 'f2', scope_value: null, mechanism: 'bogo', level: 'all' },
  ]);
  // A bad value in ndjson is reported at its line.
  writeText(dir, 'bad.ndjson', '{"offer_id":"f3","name":"x","mechanism":"percent_off"}\n{"offer_id":"f4","name":"y","mechanism":"nope"}\n');
  await assert.rejects(
    importFile(s, { table: 'offers', file: `${dir}/bad.ndjson` }),
    /bad\.ndjson:2: column mechanism: unknown mechanism 'nope'/,
  );
  s.close();
});

test('dry run validates and counts but writes nothing', async () => {
  const s = await Store.open(':memory:');
  const before = await snapshot(s);
  const r = await importFile(s, {
    table: 'customers',
    file: writeText(dir, 'dry.csv', CUSTOMERS_CSV),
    map: ['customer_id=customer_id'],
    dryRun: true,
  });
  assert.equal(r.dryRun, true);
  assert.equal(r.inserted, 2);
  assert.deepEqual(r.addedColumns, ['segment', 'age']);
  assert.equal(await snapshot(s), before);
  s.close();
});

test('headerless file with --no-header and positional mapping', async () => {
  const s = await Store.open(':memory:');
  const r = await importFile(s, {
    table: 'products',
    file: writeText(dir, 'nohead.csv', 'p1,Mug\np2,Cup\n'),
    header: false,
    map: ['product_id=column1', 'name=column2'],
  });
  assert.equal(r.inserted, 2);
  assert.deepEqual(await s.all(`SELECT product_id, name FROM products ORDER BY 1`), [
    { product_id: 'p1', name: 'Mug' },
    { product_id: 'p2', name: 'Cup' },
  ]);
  s.close();
});

test('latin-1 file is detected and read', async () => {
  const s = await Store.open(':memory:');
  const file = `${dir}/latin.csv`;
  (await import('node:fs')).writeFileSync(file, Buffer.from('product_id,name\np1,Caf\xe9\n', 'latin1'));
  const r = await importFile(s, { table: 'products', file });
  assert.equal(r.dialect?.encoding, 'latin-1');
  assert.equal((await s.one<{ name: string }>(`SELECT name FROM products`))!.name, 'Café');
  s.close();
});

test('usage errors: unknown table, missing required column, unknown --map target', async () => {
  const s = await Store.open(':memory:');
  const file = writeText(dir, 'u.csv', 'id,x\n1,2\n');
  await assert.rejects(importFile(s, { table: 'orders', file }), /unknown table 'orders'/);
  await assert.rejects(importFile(s, { table: 'customers', file }), /no column for customer_id .*--map customer_id=YOUR_COLUMN/);
  await assert.rejects(importFile(s, { table: 'customers', file, map: ['client=id'] }), /'client' is not a column of customers/);
  await assert.rejects(importFile(s, { table: 'customers', file: `${dir}/nope.csv` }), /no such file/);
  s.close();
});
