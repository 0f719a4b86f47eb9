import { test } from 'node:test';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import { exportQuery } from '../../src/export/exportQuery.ts';
import { copySqlFromQuery } from '../../src/export/copySql.ts';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'nb-exq-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('CSV prints floats with a fixed 6-decimal format, NULL as empty, quotes when needed', async () => {
  const s = await Store.open(':memory:');
  await withDir(async (dir) => {
    const path = join(dir, 'q.csv');
    const r = await exportQuery(s, {
      sql: `SELECT * FROM (VALUES (2, 'b,"x"', 1.0::DOUBLE), (1, 'a', 0.1::DOUBLE + 0.2::DOUBLE), (3, NULL, NULL)) t(id, name, v) WHERE id >= ? ORDER BY id`,
      params: [1],
      format: 'csv',
      target: { kind: 'local', path },
    });
    const text = await readFile(path, 'utf8');
    assert.equal(text, 'id,name,v\n1,a,0.300000\n2,"b,""x""",1.000000\n3,,\n');
    assert.deepEqual(r, { rows: 3, bytes: Buffer.byteLength(text), path, sha256: createHash('sha256').update(text).digest('hex') });
    const three = await exportQuery(s, { sql: `SELECT 2.0/3 AS v`, format: 'csv', target: { kind: 'local', path }, floatDecimals: 3 });
    assert.equal(three.rows, 1);
    assert.equal(await readFile(path, 'utf8'), 'v\n0.667\n', 'an export replaces the previous file');
  });
  s.close();
});

test('Parquet keeps exact doubles and reads back', async () => {
  const s = await Store.open(':memory:');
  await withDir(async (dir) => {
    const path = join(dir, 'q.parquet');
    const r = await exportQuery(s, {
      sql: `SELECT i AS id, i / 7 AS v FROM range(1000) r(i) ORDER BY i`,
      format: 'parquet',
      target: { kind: 'local', path },
    });
    assert.equal(r.rows, 1000);
    const back = await s.all<{ n: bigint; sum: number; v: number }>(
      `SELECT count(*) AS n, sum(v) AS sum, (SELECT v FROM read_parquet('${path}') WHERE id = 3) AS v FROM read_parquet('${path}')`,
    );
    assert.equal(back[0].n, 1000n);
    assert.equal(back[0].v, 3 / 7);
    assert.deepEqual(await readdir(dir), ['q.parquet']);
  });
  s.close();
});

test('a query failing midway leaves no file and keeps the old one', async () => {
  const s = await Store.open(':memory:');
  await withDir(async (dir) => {
    const path = join(dir, 'q.csv');
    await writeFile(path, 'old\n');
    for (const format of ['csv', 'parquet'] as const) {
      await assert.rejects(
        exportQuery(s, {
          // The cast fails only at row 150 000, after DuckDB has started writing.
          sql: `SELECT i, CASE WHEN i < 150000 THEN i::VARCHAR ELSE 'x' END::INTEGER AS bad FROM range(200000) r(i) ORDER BY i`,
          format,
          target: { kind: 'local', path },
        }),
        /Conversion|convert/i,
      );
      assert.deepEqual(await readdir(dir), ['q.csv'], format);
      assert.equal(await readFile(path, 'utf8'), 'old\n');
    }
  });
  s.close();
});

test('copySqlFromQuery wraps only float columns for CSV and strips a trailing semicolon', () => {
  const sql = copySqlFromQuery(
    'SELECT 1;',
    [
      { name: 'a"b', type: 'DOUBLE' },
      { name: 'c', type: 'VARCHAR' },
    ],
    'csv',
    "/t/o'k.csv",
  );
  assert.match(sql, /printf\('%\.6f', q\."a""b"\) AS "a""b", q\."c" FROM \(SELECT 1\) AS q\) TO '\/t\/o''k\.csv'/);
  assert.match(copySqlFromQuery('SELECT 1', [], 'parquet', '/t/x'), /^COPY \(SELECT 1\) TO '\/t\/x' \(FORMAT parquet\)$/);
});
