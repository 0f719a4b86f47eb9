// Order lines that are not receipts: unix timestamps (detected or --ts-format) in CSV, Parquet and
// JSON; no order_id (one order per customer and timestamp); no unit_price (0, and revenue objectives
// refuse); ratings as quantity. Bad values still fail with file:line:column and change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError, UserError } from '../../src/domain/errors.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { importSummaryText } from '../../src/ingest/importSummaryText.ts';
import { requirePricesForObjective } from '../../src/snapshot/pricesPresent.ts';
import { quoteLiteral, Store } from '../../src/store/store.ts';
import { LINES_CSV, snapshot, tempDir, writeText } from './fixtures.ts';

const dir = tempDir();
// 1300000000 = 2011-03-13 07:06:40 UTC; +3600 s = 08:06:40; +86400 s = the next day.
const RATINGS_CSV = 'user,item,rating,time\nu1,i1,3.5,1300000000\nu1,i2,4,1300000000\nu2,i1,5,1300003600\nu1,i3,1,1300086400\n';
const RATINGS_MAP = ['customer_id=user', 'product_id=item', 'quantity=rating', 'ts=time'];

interface Line {
  order_id: string;
  product_id: string;
  customer_id: string;
  quantity: number;
  unit_price: number;
  amount: number;
  ts: Date;
}
const lines = (s: Store) => s.all<Line>(`SELECT * FROM order_lines ORDER BY ts, product_id`);

test('ratings log: unix seconds detected, one order per customer and timestamp, rating as quantity, no prices', async () => {
  const s = await Store.open(':memory:');
  try {
    const file = writeText(dir, 'ratings.csv', RATINGS_CSV);
    const sum = await importFile(s, { table: 'order_lines', file, map: RATINGS_MAP });
    assert.deepEqual([sum.rowsRead, sum.inserted], [4, 4]);
    assert.deepEqual(sum.timestamps, { ts: 'unix-s (detected)' });
    assert.deepEqual(Object.keys(sum.filled).sort(), ['order_id', 'unit_price']);
    assert.match(importSummaryText(sum), /timestamps: ts read as unix-s \(detected\)/);
    assert.match(importSummaryText(sum), /no unit_price column: 0 \(no prices/);
    const r = await lines(s);
    assert.deepEqual(
      r.map((l) => l.ts.toISOString()),
      ['2011-03-13T07:06:40.000Z', '2011-03-13T07:06:40.000Z', '2011-03-13T08:06:40.000Z', '2011-03-14T07:06:40.000Z'],
    );
    // u1's two lines at one instant are one order; its later line and u2's line are orders of their own.
    assert.deepEqual(
      r.map((l) => l.order_id),
      ['u1@2011-03-13T07:06:40', 'u1@2011-03-13T07:06:40', 'u2@2011-03-13T08:06:40', 'u1@2011-03-14T07:06:40'],
    );
    assert.deepEqual(
      r.map((l) => l.quantity),
      [3.5, 4, 5, 1],
    ); // quantity is DOUBLE: half ratings survive
    assert.deepEqual(
      r.map((l) => [l.unit_price, l.amount]),
      [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    );
    // Derived ids are deterministic: the same file again matches every line.
    const before = await snapshot(s);
    const again = await importFile(s, { table: 'order_lines', file, map: RATINGS_MAP });
    assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 4]);
    assert.equal(await snapshot(s), before);
  } finally {
    s.close();
  }
});

test('Parquet epoch ms, NDJSON epoch seconds and a JSON array of ms read as the same instants', async () => {
  const s = await Store.open(':memory:');
  try {
    const pq = `${dir}/ms.parquet`;
    await s.run(`COPY (SELECT * FROM (VALUES ('c1', 'p1', 1300000000000::BIGINT), ('c2', 'p2', 1300003600500::BIGINT)) t(customer_id, product_id, ts))
                 TO ${quoteLiteral(pq)} (FORMAT parquet)`);
    const nd = writeText(
      dir,
      's.ndjson',
      '{"customer_id":"c1","product_id":"p1","ts":1300000000}\n{"customer_id":"c2","product_id":"p2","ts":1300003600.5}\n',
    );
    const js = writeText(
      dir,
      'ms.json',
      '[{"customer_id":"c1","product_id":"p1","ts":1300000000000},{"customer_id":"c2","product_id":"p2","ts":1300003600500}]',
    );
    const want = ['2011-03-13T07:06:40.000Z', '2011-03-13T08:06:40.500Z'];
    for (const [file, unit] of [
      [pq, 'unix-ms'],
      [nd, 'unix-s'],
      [js, 'unix-ms'],
    ]) {
      await s.run('DELETE FROM order_lines');
      const sum = await importFile(s, { table: 'order_lines', file });
      assert.deepEqual(sum.timestamps, { ts: `${unit} (detected)` }, file);
      assert.deepEqual(
        (await lines(s)).map((l) => l.ts.toISOString()),
        want,
        file,
      );
      assert.deepEqual(
        (await lines(s)).map((l) => l.quantity),
        [1, 1],
        'no quantity column: 1 per line',
      );
    }
  } finally {
    s.close();
  }
});

test('--ts-format forces a unit or a strftime pattern; a bad pattern is a usage error', async () => {
  const s = await Store.open(':memory:');
  try {
    // 86400000 ms is 1970-01-02: below the plausible range, so only a forced unit reads it.
    const early = writeText(dir, 'early.csv', 'customer_id,product_id,ts\nc1,p1,86400000\n');
    await assert.rejects(
      importFile(s, { table: 'order_lines', file: early }),
      /early\.csv:2: column ts: not a date: '86400000' \(use YYYY-MM-DD.*--ts-format unix-s, unix-ms/,
    );
    const sum = await importFile(s, { table: 'order_lines', file: early, tsFormat: 'unix-ms' });
    assert.deepEqual(sum.timestamps, { ts: 'unix-ms' });
    assert.equal((await lines(s))[0].ts.toISOString(), '1970-01-02T00:00:00.000Z');
    await s.run('DELETE FROM order_lines');
    const eu = writeText(dir, 'eu.csv', 'customer_id,product_id,ts\nc1,p1,02/01/2011 10:30\nc1,p2,31/12/2011 23:59\n');
    await importFile(s, { table: 'order_lines', file: eu, tsFormat: '%d/%m/%Y %H:%M' });
    assert.deepEqual(
      (await lines(s)).map((l) => l.ts.toISOString()),
      ['2011-01-02T10:30:00.000Z', '2011-12-31T23:59:00.000Z'],
    );
    const badPattern = await importFile(s, { table: 'order_lines', file: eu, tsFormat: '%Q' }).catch((e: unknown) => e);
    assert.ok(badPattern instanceof UserError && !(badPattern instanceof InputError));
    assert.match(badPattern.message, /--ts-format '%Q' is not a strftime pattern/);
    await assert.rejects(
      importFile(s, { table: 'order_lines', file: eu, tsFormat: 'epoch' }),
      /--ts-format takes auto, iso, unix-s, unix-ms or a strftime pattern/,
    );
  } finally {
    s.close();
  }
});

test('bad values in a unix-time column are file:line:column errors and leave the store untouched', async () => {
  const s = await Store.open(':memory:');
  try {
    await importFile(s, { table: 'order_lines', file: writeText(dir, 'good.csv', LINES_CSV) });
    const before = await snapshot(s);
    // Mostly seconds: 'abc' and a millisecond value are the bad rows, each named by its line.
    const bad = writeText(dir, 'bad-unix.csv', 'user,item,time\nu1,i1,1300000000\nu1,i2,abc\nu2,i1,1300003600000\nu1,i3,1300086400\n');
    const err = await importFile(s, { table: 'order_lines', file: bad, map: ['customer_id=user', 'product_id=item', 'ts=time'] }).catch(
      (e: unknown) => e,
    );
    assert.ok(err instanceof InputError, String(err));
    assert.deepEqual(
      err.problems.map((p) => [p.file, p.line, p.column]),
      [
        [bad, 3, 'time (ts)'],
        [bad, 4, 'time (ts)'],
      ],
    );
    assert.match(err.problems[0].reason, /^not a date: 'abc' \(read as unix seconds, detected from the column/);
    assert.match(err.problems[1].reason, /^not a date: '1300003600000'/);
    assert.equal(await snapshot(s), before, 'nothing written');
    // In Parquet the line is the row number.
    const pq = `${dir}/bad.parquet`;
    await s.run(`COPY (SELECT * FROM (VALUES ('c1', 'p1', 1300000000000::BIGINT), ('c2', 'p2', 5::BIGINT), ('c3', 'p3', 1300000000001::BIGINT))
                 t(customer_id, product_id, ts)) TO ${quoteLiteral(pq)} (FORMAT parquet)`);
    await assert.rejects(
      importFile(s, { table: 'order_lines', file: pq }),
      /bad\.parquet:2: column ts: not a date: '5' \(read as unix milliseconds/,
    );
    assert.equal(await snapshot(s), before, 'nothing written');
  } finally {
    s.close();
  }
});

test('unit price from amount / quantity when only an amount is given', async () => {
  const s = await Store.open(':memory:');
  try {
    const file = writeText(dir, 'amounts.csv', 'customer_id,product_id,quantity,amount,ts\nc1,p1,2,7,2011-01-02\nc1,p2,-1,-3,2011-01-03\n');
    const sum = await importFile(s, { table: 'order_lines', file });
    assert.deepEqual(sum.filled, { order_id: 'one order per customer and timestamp', unit_price: 'amount / quantity' });
    const r = await lines(s);
    assert.deepEqual(
      r.map((l) => [l.unit_price, l.amount]),
      [
        [3.5, 7],
        [3, -3],
      ],
    );
    assert.deepEqual(
      r.map((l) => l.order_id),
      ['c1@2011-01-02T00:00:00', 'c1@2011-01-03T00:00:00'],
    );
  } finally {
    s.close();
  }
});

test('revenue and margin objectives refuse a store without prices; purchase is fine', async () => {
  const s = await Store.open(':memory:');
  try {
    await importFile(s, { table: 'order_lines', file: writeText(dir, 'r.csv', RATINGS_CSV), map: RATINGS_MAP });
    const asOf = new Date(Date.UTC(2011, 3, 1));
    for (const objective of ['revenue', 'margin'] as const) {
      const err = await requirePricesForObjective(s, objective, asOf).catch((e: unknown) => e);
      assert.ok(err instanceof UserError, `${objective}: ${String(err)}`);
      assert.match(
        err.message,
        new RegExp(`objective ${objective} needs prices, but none of the 4 purchase lines before 2011-04-01 has a price`),
      );
      assert.match(err.message, /use objective purchase/);
    }
    await requirePricesForObjective(s, 'purchase', asOf);
    await requirePricesForObjective(s, 'acquisition', asOf);
    // One priced purchase line is enough (zero-price lines may be free samples).
    await importFile(s, { table: 'order_lines', file: writeText(dir, 'priced.csv', LINES_CSV) });
    await requirePricesForObjective(s, 'revenue', asOf);
  } finally {
    s.close();
  }
});
