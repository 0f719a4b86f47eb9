// Import from a real PostgreSQL server (test/helpers/postgresServer.ts): a table and a query give the
// same rows as the file import of the same data; a bad row is refused with its row number and
// nothing is stored; a URL with a password is refused.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { InputError } from '../../src/domain/errors.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { importFromPostgres } from '../../src/ingest/postgresSource.ts';
import { Store } from '../../src/store/store.ts';
import { startPostgresServer, type PostgresTestServer } from '../helpers/postgresServer.ts';
import { runCli } from '../helpers/runCli.ts';
import { apiHarness } from '../helpers/apiHarness.ts';

let pgs: PostgresTestServer;
let client: pg.Client;
let dir: string;

const ROWS = [
  ['o1', 'p1', 'c1', '2', '1.50', '2024-01-05 10:00:00'],
  ['o1', 'p2', 'c1', '1', '3.25', '2024-01-05 10:00:00'],
  ['o2', 'p1', 'c2', '4', '1.50', '2024-02-01 09:30:00'],
  ['o3', 'p3', 'c3', '-1', '7.00', '2024-02-03 18:00:00'],
];
const CSV = 'order_id,product_id,customer_id,quantity,unit_price,ts\n' + ROWS.map((r) => r.join(',')).join('\n') + '\n';

const lines = (s: Store) =>
  s.all(`SELECT order_id, product_id, line_no, customer_id, quantity, unit_price, amount, ts, kind FROM order_lines ORDER BY ALL`);

before(async () => {
  pgs = await startPostgresServer();
  client = await pgs.client();
  dir = await mkdtemp(join(tmpdir(), 'nb-pg-import-'));
  await writeFile(join(dir, 'lines.csv'), CSV);
  await client.query(`CREATE SCHEMA sales`);
  await client.query(`CREATE TABLE sales.order_lines (order_id text, product_id text, customer_id text,
    quantity integer, unit_price numeric(10,2), ts timestamp)`);
  for (const r of ROWS) await client.query(`INSERT INTO sales.order_lines VALUES ($1, $2, $3, $4, $5, $6)`, r);
  // Source columns under other names, a line break inside a value, and a bad quantity at row 3 (by id).
  await client.query(`CREATE TABLE sales.raw_lines (id integer, receipt text, item text, client text, qty text, price text, sold_at text)`);
  await client.query(`INSERT INTO sales.raw_lines VALUES
    (1, 'r1', 'p1', 'c1', '1', '2.00', '2024-03-01 10:00'),
    (2, E'r2\\nsecond line', 'p2', 'c2', '2', '2.00', '2024-03-01 11:00'),
    (3, 'r3', 'p3', 'c3', 'lots', '2.00', '2024-03-01 12:00'),
    (4, 'r4', 'p4', 'c4', '1', '-5', '2024-03-01 13:00')`);
});

after(async () => {
  await client?.end();
  await pgs?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the CLI imports order_lines from a PostgreSQL table: the same rows as the file import', async () => {
  const fromPg = join(dir, 'pg.duckdb');
  const r = runCli(['import', 'order_lines', '--from', pgs.url, '--table', 'sales.order_lines', '--db', fromPg, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.file, 'postgres:sales.order_lines');
  assert.equal(summary.inserted, 4);
  const viaFile = await Store.open(':memory:');
  await importFile(viaFile, { table: 'order_lines', file: join(dir, 'lines.csv') });
  const viaPg = await Store.open(fromPg);
  try {
    assert.deepEqual(await lines(viaPg), await lines(viaFile));
    assert.equal((await lines(viaPg)).length, 4);
  } finally {
    viaPg.close();
    viaFile.close();
  }
});

test('a query with --map imports its rows; a bad row is refused with its row number and nothing is stored', async () => {
  const store = await Store.open(':memory:');
  try {
    const map = ['order_id=receipt', 'product_id=item', 'customer_id=client', 'quantity=qty', 'unit_price=price', 'ts=sold_at'];
    const ok = await importFromPostgres(store, {
      table: 'order_lines',
      from: pgs.url,
      query: 'SELECT receipt, item, client, qty, price, sold_at FROM sales.raw_lines WHERE id <= 2 ORDER BY id;',
      map,
      batchRows: 1, // one row per fetch: the cursor really streams
    });
    assert.equal(ok.inserted, 2);
    assert.match(ok.file, /^postgres:SELECT receipt/);
    const got = await store.all<{ order_id: string }>(`SELECT order_id FROM order_lines ORDER BY order_id`);
    assert.deepEqual(
      got.map((r) => r.order_id),
      ['r1', 'r2\nsecond line'],
    );
    const before = await lines(store);
    await assert.rejects(
      importFromPostgres(store, {
        table: 'order_lines',
        from: pgs.url,
        query: 'SELECT receipt, item, client, qty, price, sold_at FROM sales.raw_lines ORDER BY id',
        map,
        batchRows: 2,
      }),
      (e: unknown) => {
        assert.ok(e instanceof InputError, String(e));
        // Row 3 comes after a value with a line break: still row 3 of the result, not a CSV line.
        assert.deepEqual(
          e.problems.map((p) => p.line),
          [3, 4],
        );
        assert.match(e.message, /^postgres:SELECT receipt.*: 2 problem\(s\) found .*nothing was written/);
        assert.match(e.message, /:3: column qty[^:]*: not a number: 'lots'/);
        assert.match(e.message, /:4: column price[^:]*: negative price/);
        return true;
      },
    );
    assert.deepEqual(await lines(store), before, 'nothing stored from the refused import');
  } finally {
    store.close();
  }
});

test('a URL with a password, a bad table name and a missing table are refused before anything is stored', async () => {
  const db = join(dir, 'refused.duckdb');
  const withPassword = pgs.url.replace(`${pgs.user}@`, `${pgs.user}:secret@`);
  const r = runCli(['import', 'order_lines', '--from', withPassword, '--table', 'sales.order_lines', '--db', db]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /do not put a password in the PostgreSQL URL: set NEXTBEST_PG_PASSWORD/);
  assert.doesNotMatch(r.stderr + r.stdout, /secret/);
  const store = await Store.open(':memory:');
  try {
    await assert.rejects(
      importFromPostgres(store, { table: 'order_lines', from: pgs.url, pgTable: 'sales.order_lines; DROP TABLE x' }),
      /must be table or schema\.table/,
    );
    await assert.rejects(
      importFromPostgres(store, { table: 'order_lines', from: pgs.url, pgTable: 'sales.missing' }),
      /postgres:sales\.missing: PostgreSQL refused the query: relation "sales\.missing" does not exist/,
    );
  } finally {
    store.close();
  }
});

test('the import op through the API takes from + pgTable; a URL with a password is refused before a job exists', async () => {
  const h = await apiHarness(await Store.open(':memory:'));
  try {
    const r = await h.call('marketer', 'POST', '/v1/imports', { table: 'order_lines', from: pgs.url, pgTable: 'sales.order_lines' });
    assert.equal(r.statusCode, 202, r.body);
    const job = await h.ctx.jobs.wait(r.json().job.jobId);
    assert.equal(job.status, 'succeeded', String(job.error));
    assert.equal((job.result as { inserted: number }).inserted, 4);
    const bad = await h.call('marketer', 'POST', '/v1/imports', {
      table: 'order_lines',
      from: pgs.url.replace(`${pgs.user}@`, `${pgs.user}:pw@`),
      pgTable: 'sales.order_lines',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /do not put a password in the PostgreSQL URL/);
    const both = await h.call('marketer', 'POST', '/v1/imports', { table: 'order_lines', from: pgs.url });
    // Which of table/query is a cross-field rule: the job refuses it before connecting.
    assert.equal(both.statusCode, 202, both.body);
    const failed = await h.ctx.jobs.wait(both.json().job.jobId);
    assert.equal(failed.status, 'failed');
    assert.match(String(failed.error), /give exactly one of a PostgreSQL table or a query/);
  } finally {
    await h.close();
  }
});
