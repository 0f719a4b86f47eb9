// The "predictions table" pattern against a real PostgreSQL server: a TOR (CLI) and product
// recommendations (API job) replace a PostgreSQL table; a concurrent reader sees the old rows or the
// new ones, never a mix; a failing export leaves the old table and no staging table behind.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { exportTorToPostgres } from '../../src/export/postgresTorExport.ts';
import { postgresEndpoint } from '../../src/ingest/postgresConnection.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { listExports } from '../../src/export/exportHistory.ts';
import { Store } from '../../src/store/store.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { apiHarness } from '../helpers/apiHarness.ts';
import { startPostgresServer, type PostgresTestServer } from '../helpers/postgresServer.ts';
import { runCli } from '../helpers/runCli.ts';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';

let pgs: PostgresTestServer;
let client: pg.Client;
let dir: string;

/** A store file with one computed TOR (4 customers × 2 offers). */
async function storeWithTor(path: string): Promise<{ store: Store; torId: string }> {
  const store = await tinyRetailStore(path);
  await offersFromAttribute(store, 'family');
  const tor = await createTor(store, {
    name: 'spring',
    auto: { rule: 'top-revenue', count: 2, window: 'all' },
    perCustomer: 2,
    model: 'frequency',
  });
  await computeTor(store, tor.torId);
  return { store, torId: tor.torId };
}

const pgRows = async (sql: string) => (await client.query(sql)).rows;
const stagingTables = async () =>
  (await pgRows(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%\\_\\_new\\_%'`)).map((r) => r.table_name);

before(async () => {
  pgs = await startPostgresServer();
  client = await pgs.client();
  await client.query('CREATE SCHEMA marts');
  dir = await mkdtemp(join(tmpdir(), 'nb-pg-export-'));
});

after(async () => {
  await client?.end();
  await pgs?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('tor export --out postgres:// replaces the table with the long layout plus tor_id and computed_at', async () => {
  const db = join(dir, 'tor.duckdb');
  const { store, torId } = await storeWithTor(db);
  const expected = await store.all<{ customer_id: string; priority: number; offer_id: string; score: number }>(
    `SELECT customer_id, priority, offer_id, score FROM tor_results WHERE tor_id = ? ORDER BY customer_id, priority`,
    [torId],
  );
  store.close();
  // A killed earlier export left its staging table: the next export to this target drops it.
  await client.query('CREATE TABLE marts.tor_predictions__new_deadbeef (x int)');
  await client.query(`CREATE TABLE marts.tor_predictions AS SELECT 'old' AS customer_id`);
  const r = runCli(['tor', 'export', torId, '--out', pgs.url, '--pg-table', 'marts.tor_predictions', '--db', db, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const rec = JSON.parse(r.stdout);
  assert.equal(rec.rows, 8);
  assert.equal(rec.target, `${pgs.url}#marts.tor_predictions`);
  const got = await pgRows(`SELECT * FROM marts.tor_predictions ORDER BY customer_id, priority`);
  assert.deepEqual(
    got.map((g) => ({ customer_id: g.customer_id, priority: g.priority, offer_id: g.offer_id, score: g.score })),
    expected.map((e) => ({ ...e, priority: Number(e.priority) })),
  );
  assert.ok(got.every((g) => g.tor_id === torId && g.computed_at instanceof Date));
  const types = await pgRows(`SELECT column_name, data_type FROM information_schema.columns
    WHERE table_schema = 'marts' AND table_name = 'tor_predictions' ORDER BY ordinal_position`);
  assert.deepEqual(
    types.map((t) => `${t.column_name} ${t.data_type}`),
    [
      'customer_id text',
      'priority integer',
      'offer_id text',
      'score double precision',
      'tor_id text',
      'computed_at timestamp without time zone',
    ],
  );
  assert.deepEqual(await stagingTables(), []);
  const check = await Store.open(db);
  try {
    const hist = await listExports(check, torId);
    assert.equal(hist[0].status, 'ok');
    assert.equal(hist[0].format, 'postgres');
    assert.equal((await check.one<{ status: string }>(`SELECT status FROM tors WHERE tor_id = ?`, [torId]))!.status, 'exported');
  } finally {
    check.close();
  }
});

/** Waits until some session of application `app` waits for a lock (the export at its swap, a queued reader). */
async function waitForLockWait(app: string, count = 1): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = await pgRows(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = '${app}' AND wait_event_type = 'Lock'`,
    );
    if (r[0].n >= count) return;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`no ${app} session waited for a lock`);
}

test('readers see the old table or the new one, never a mix; a failing export leaves the old table', async () => {
  const { store, torId } = await storeWithTor(join(dir, 'swap.duckdb'));
  const endpoint = postgresEndpoint(pgs.url);
  await client.query(`CREATE TABLE marts.swap AS SELECT 'old' AS tor_id FROM generate_series(1, 3)`);
  const count = `SELECT count(*)::int AS n, min(tor_id) AS t FROM marts.swap`;
  const inside = await pgs.client(); // a reader in the middle of a transaction on the old table
  const queued = await pgs.client(); // a reader that arrives while the swap waits
  await queued.query(`SET application_name = 'queued'`);
  try {
    await inside.query('BEGIN');
    assert.deepEqual((await inside.query(count)).rows[0], { n: 3, t: 'old' });
    const mid: unknown[] = [];
    const exporting = exportTorToPostgres(store, torId, {
      endpoint,
      table: 'marts.swap',
      batchRows: 2,
      recordContacts: false,
      // Mid-export, a new reader still sees the whole old table.
      onRows: async () => void mid.push((await client.query(count)).rows[0]),
    });
    await waitForLockWait('nextbest'); // the swap waits for the open reader
    const late = queued.query(count);
    await waitForLockWait('queued');
    assert.deepEqual((await inside.query(count)).rows[0], { n: 3, t: 'old' }, 'the open reader keeps the old table');
    await inside.query('COMMIT');
    const rec = await exporting;
    assert.equal(rec.rows, 8);
    assert.deepEqual(mid, Array(4).fill({ n: 3, t: 'old' }));
    assert.deepEqual((await late).rows[0], { n: 8, t: torId }, 'the queued reader gets the whole new table');

    // A failure after the first batch: the old table (the export just written) stays, the staging table goes.
    const before = await pgRows(`SELECT * FROM marts.swap ORDER BY customer_id, priority`);
    await assert.rejects(
      exportTorToPostgres(store, torId, {
        endpoint,
        table: 'marts.swap',
        batchRows: 3,
        recordContacts: false,
        onRows: () => {
          throw new Error('connection lost mid-export');
        },
      }),
      /connection lost mid-export/,
    );
    assert.deepEqual(await pgRows(`SELECT * FROM marts.swap ORDER BY customer_id, priority`), before);
    assert.deepEqual(await stagingTables(), []);
    const hist = await listExports(store, torId);
    assert.equal(hist[0].status, 'error');
    assert.match(hist[0].error!, /connection lost/);
  } finally {
    await inside.end();
    await queued.end();
    store.close();
  }
});

test('recommendations through the API job go to a PostgreSQL table; a password in the URL is refused', async () => {
  const h = await apiHarness(await tinyRetailStore(join(dir, 'recs.duckdb')));
  try {
    const r = await h.call('marketer', 'POST', '/v1/recommendations', {
      target: pgs.url,
      pgTable: 'marts.product_recs',
      top: 2,
      model: 'popularity',
    });
    assert.equal(r.statusCode, 202, r.body);
    const job = await h.ctx.jobs.wait(r.json().job.jobId);
    assert.equal(job.status, 'succeeded', String(job.error));
    const res = job.result as { rows: number; target: string };
    assert.equal(res.target, `${pgs.url}#marts.product_recs`);
    const rows = await pgRows(`SELECT * FROM marts.product_recs ORDER BY user_unique_id, ranking`);
    assert.equal(rows.length, res.rows);
    const local = await h.store.all<{ n: bigint }>(`SELECT count(*) AS n FROM customers`);
    assert.equal(new Set(rows.map((x) => x.user_unique_id)).size, Number(local[0].n));
    assert.deepEqual(Object.keys(rows[0]), [
      'primary_key',
      'user_unique_id',
      'last_update_date',
      'recommended_item_id',
      'ranking',
      'score',
    ]);
    assert.equal(rows[0].ranking, 1);
    assert.equal(rows[0].score, 1);

    const bad = await h.call('marketer', 'POST', '/v1/recommendations', {
      target: pgs.url.replace(`${pgs.user}@`, `${pgs.user}:pw@`),
      pgTable: 'marts.product_recs',
    });
    assert.equal(bad.statusCode, 400, 'refused before the request, and its password, is stored as a job');
    assert.match(bad.body, /do not put a password in the PostgreSQL URL/);
    assert.doesNotMatch(bad.body, /:pw@/);
    assert.equal((await pgRows(`SELECT count(*)::int AS n FROM marts.product_recs`))[0].n, res.rows, 'the table is unchanged');
  } finally {
    await h.close();
  }
});

test('recommend --out postgres:// --pg-table writes the lists', async () => {
  const db = join(dir, 'recs-cli.duckdb');
  (await tinyRetailStore(db)).close();
  const r = runCli(['recommend', '--out', pgs.url, '--pg-table', 'recs_cli', '--top', '3', '--model', 'popularity', '--db', db, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.target, `${pgs.url}#recs_cli`);
  const rows = await pgRows(`SELECT user_unique_id, ranking FROM public.recs_cli ORDER BY user_unique_id, ranking`);
  assert.equal(rows.length, summary.rows);
  assert.deepEqual([...new Set(rows.map((x) => x.user_unique_id))], ['c1', 'c2', 'c3', 'c4']);
});
