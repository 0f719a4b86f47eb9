import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError, UserError } from '../../src/domain/errors.ts';
import { Store } from '../../src/store/store.ts';
import { exportTorResults } from '../../src/export/exportTorResults.ts';
import { listExports } from '../../src/export/exportHistory.ts';

// TOR t1: K = 3 offers per customer; c2 got only one offer; rows are inserted out of order.
const RESULTS: [string, number, string, number, string | null][] = [
  ['c2', 1, 'o9', 0.5, null],
  ['c1', 2, 'o2', 0.25, 'affinity, "family"'],
  ['c10', 1, 'o1', 1 / 3, 'x'],
  ['c1', 1, 'o1', 0.1 + 0.2, 'top'],
  ['c1', 3, 'o3', 0.125, null],
];

async function storeWithTor(order: 'fwd' | 'rev' = 'fwd'): Promise<Store> {
  const s = await Store.open(':memory:');
  await s.run(`INSERT INTO tors (tor_id, name, settings, offers, status, priority_count, created_at, updated_at)
    VALUES ('t1', 'Spring', '{}', '[]', 'ready', 3, now(), now())`);
  const rows = order === 'fwd' ? RESULTS : [...RESULTS].reverse();
  for (const r of rows)
    await s.run(`INSERT INTO tor_results (tor_id, customer_id, priority, offer_id, score, reason) VALUES ('t1', ?, ?, ?, ?, ?)`, r);
  return s;
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'nb-ext-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('long and wide CSV layouts', async () => {
  const s = await storeWithTor();
  await withDir(async (dir) => {
    const longPath = join(dir, 'long.csv');
    const rec = await exportTorResults(s, {
      torId: 't1',
      layout: 'long',
      format: 'csv',
      target: { kind: 'local', path: longPath },
      withReason: true,
    });
    assert.equal(
      await readFile(longPath, 'utf8'),
      'customer_id,priority,offer_id,score,reason\n' +
        'c1,1,o1,0.300000,top\nc1,2,o2,0.250000,"affinity, ""family"""\nc1,3,o3,0.125000,\n' +
        'c10,1,o1,0.333333,x\nc2,1,o9,0.500000,\n',
    );
    assert.equal(rec.rows, 5);
    assert.equal(rec.status, 'ok');
    const widePath = join(dir, 'wide.csv');
    const w = await exportTorResults(s, { torId: 't1', layout: 'wide', format: 'csv', target: { kind: 'local', path: widePath } });
    assert.equal(
      await readFile(widePath, 'utf8'),
      'customer_id,offer_1,score_1,offer_2,score_2,offer_3,score_3\n' +
        'c1,o1,0.300000,o2,0.250000,o3,0.125000\nc10,o1,0.333333,,,,\nc2,o9,0.500000,,,,\n',
    );
    assert.equal(w.rows, 3);
    const back = await s.all<{ customer_id: string; offer_2: string | null }>(
      `SELECT customer_id, offer_2 FROM read_csv('${widePath}') ORDER BY customer_id`,
    );
    assert.deepEqual(
      back.map((r) => [r.customer_id, r.offer_2]),
      [
        ['c1', 'o2'],
        ['c10', null],
        ['c2', null],
      ],
    );
  });
  s.close();
});

test('Parquet long/wide round-trip keeps exact scores', async () => {
  const s = await storeWithTor();
  await withDir(async (dir) => {
    const longPath = join(dir, 'long.parquet');
    const widePath = join(dir, 'wide.parquet');
    await exportTorResults(s, { torId: 't1', layout: 'long', format: 'parquet', target: { kind: 'local', path: longPath } });
    await exportTorResults(s, { torId: 't1', layout: 'wide', format: 'parquet', target: { kind: 'local', path: widePath } });
    const diff = await s.one<{ n: bigint }>(
      `SELECT count(*) AS n FROM (
         (SELECT customer_id, priority, offer_id, score FROM tor_results WHERE tor_id = 't1'
          EXCEPT SELECT * FROM read_parquet('${longPath}'))
         UNION ALL
         (SELECT * FROM read_parquet('${longPath}')
          EXCEPT SELECT customer_id, priority, offer_id, score FROM tor_results WHERE tor_id = 't1'))`,
    );
    assert.equal(diff?.n, 0n);
    const wide = await s.all<{ customer_id: string; score_1: number; score_3: number | null }>(
      `SELECT customer_id, score_1, score_3 FROM read_parquet('${widePath}') ORDER BY customer_id`,
    );
    assert.deepEqual(wide, [
      { customer_id: 'c1', score_1: 0.1 + 0.2, score_3: 0.125 },
      { customer_id: 'c10', score_1: 1 / 3, score_3: null },
      { customer_id: 'c2', score_1: 0.5, score_3: null },
    ]);
  });
  s.close();
});

test('identical results give byte-identical files whatever the insert order', async () => {
  const a = await storeWithTor('fwd');
  const b = await storeWithTor('rev');
  await withDir(async (dir) => {
    for (const layout of ['long', 'wide'] as const) {
      for (const format of ['csv', 'parquet'] as const) {
        const pa = join(dir, `a-${layout}.${format}`);
        const pb = join(dir, `b-${layout}.${format}`);
        await exportTorResults(a, { torId: 't1', layout, format, target: { kind: 'local', path: pa } });
        await exportTorResults(b, { torId: 't1', layout, format, target: { kind: 'local', path: pb } });
        assert.ok((await readFile(pa)).equals(await readFile(pb)), `${layout} ${format}`);
      }
    }
  });
  a.close();
  b.close();
});

test('all-scores layout ranks every scored pair per customer', async () => {
  const s = await storeWithTor();
  await s.run(
    `CREATE TEMP TABLE scores AS SELECT * FROM (VALUES ('c1','o1',0.9),('c1','o2',0.95),('c1','o3',0.9),('c2','o1',0.1)) t(customer_id, offer_id, score)`,
  );
  await withDir(async (dir) => {
    const path = join(dir, 'all.csv');
    const rec = await exportTorResults(s, {
      torId: 't1',
      layout: 'all-scores',
      format: 'csv',
      target: { kind: 'local', path },
      allScores: { sql: `SELECT customer_id, offer_id, score FROM scores WHERE score > ?`, params: [0] },
    });
    assert.equal(rec.rows, 4);
    assert.equal(
      await readFile(path, 'utf8'),
      'customer_id,offer_id,score,rank\nc1,o2,0.950000,1\nc1,o1,0.900000,2\nc1,o3,0.900000,3\nc2,o1,0.100000,1\n',
    );
    await s.run(
      `INSERT INTO tor_scores (tor_id, customer_id, offer_id, score, rank) VALUES ('t1','c2','o1',0.5,1), ('t1','c1','o2',0.25,2), ('t1','c1','o1',0.75,1)`,
    );
    const stored = await exportTorResults(s, { torId: 't1', layout: 'all-scores', format: 'csv', target: { kind: 'local', path } });
    assert.equal(stored.rows, 3);
    assert.equal(await readFile(path, 'utf8'), 'customer_id,offer_id,score,rank\nc1,o1,0.750000,1\nc1,o2,0.250000,2\nc2,o1,0.500000,1\n');
  });
  s.close();
});

test('history records successes and failures; failed export writes no file', async () => {
  const s = await storeWithTor();
  await s.run(`INSERT INTO tors (tor_id, name, settings, offers, status, priority_count, created_at, updated_at)
    VALUES ('t2', 'Draft', '{}', '[]', 'draft', 2, now(), now())`);
  await withDir(async (dir) => {
    const ok = await exportTorResults(s, {
      torId: 't1',
      layout: 'long',
      format: 'csv',
      target: { kind: 'local', path: join(dir, 'a.csv') },
    });
    await assert.rejects(
      exportTorResults(s, { torId: 'nope', layout: 'long', format: 'csv', target: { kind: 'local', path: join(dir, 'b.csv') } }),
      NotFoundError,
    );
    await assert.rejects(
      exportTorResults(s, { torId: 't2', layout: 'wide', format: 'parquet', target: { kind: 'local', path: join(dir, 'c.parquet') } }),
      /no result to export \(status draft\)/,
    );
    await assert.rejects(
      exportTorResults(s, { torId: 't1', layout: 'long', format: 'csv', target: { kind: 'local', path: join(dir, 'missing', 'd.csv') } }),
      (e: unknown) => e instanceof UserError && /does not exist/.test(e.message),
    );
    await assert.rejects(
      exportTorResults(s, { torId: 't1', layout: 'all-scores', format: 'csv', target: { kind: 'local', path: join(dir, 'e.csv') } }),
      /no stored all-scores table/,
    );
    assert.deepEqual(await readdir(dir), ['a.csv']);
    const all = await listExports(s);
    assert.equal(all.length, 5);
    assert.deepEqual(all.map((r) => r.status).sort(), ['error', 'error', 'error', 'error', 'ok']);
    const t1 = await listExports(s, 't1');
    assert.equal(t1.length, 3);
    const good = t1.find((r) => r.status === 'ok')!;
    const { sha256, ...recorded } = ok; // the checksum goes to the manifest, not the history
    assert.match(sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual({ ...good }, recorded);
    assert.equal(good.rows, 5);
    assert.ok(good.bytes! > 0);
    const bad = (await listExports(s, 'nope'))[0];
    assert.equal(bad.rows, null);
    assert.match(bad.error!, /TOR 'nope' not found/);
    assert.ok(bad.finishedAt! >= bad.startedAt);
  });
  s.close();
});
