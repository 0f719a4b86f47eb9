import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interactionsFromStore, defaultAsOf, parseDateArg } from '../../src/snapshot/interactions.ts';

test('interactionsFromStore reads purchases as typed arrays with shared dictionaries', async () => {
  const s = await Store.open(':memory:');
  await s.run(`INSERT INTO order_lines VALUES
    ('o1','p2',0,'c1',2,1.5,3,'2020-01-01 10:00','purchase',NULL),
    ('o2','p1',0,'c2',1,2,2,'2020-01-03 10:00','purchase',NULL),
    ('o3','p1',0,'c2',-1,2,-2,'2020-01-03 11:00','return','o2')`);
  const all = await interactionsFromStore(s);
  assert.deepEqual(all.customerIds, ['c1', 'c2']);
  assert.deepEqual(all.productIds, ['p1', 'p2']);
  assert.deepEqual([...all.cust], [0, 1]);
  assert.deepEqual([...all.prod], [1, 0]);
  const hist = await interactionsFromStore(s, { to: parseDateArg('2020-01-02') });
  assert.equal(hist.cust.length, 1);
  assert.deepEqual(hist.productIds, ['p1', 'p2'], 'dictionaries are global');
  assert.equal((await defaultAsOf(s))?.toISOString(), '2020-01-04T00:00:00.000Z');
  s.close();
});

test('parseDateArg rejects impossible dates', () => {
  assert.throws(() => parseDateArg('2021-02-30'), /not a valid date/);
  assert.equal(parseDateArg('2011-09-01').toISOString(), '2011-09-01T00:00:00.000Z');
});

test('concurrent calls on one connection each get their whole result; a transaction keeps other callers out', async () => {
  const s = await Store.open(':memory:');
  await s.run(`CREATE TABLE big AS SELECT i::INTEGER AS i, 'v' || (i % 97) AS v, i * 0.5 AS x FROM range(50000) t(i)`);
  // Before calls were queued per connection, a query started while a streamed read was between
  // chunks ended that stream early and silently (its next chunk came back empty).
  const spec = { i: 'i32', v: 'str', x: 'f64' } as const;
  const [a, b, c, d] = await Promise.all([
    s.columns(`SELECT i, v, x FROM big ORDER BY i`, spec),
    s.all<{ n: bigint }>(`SELECT count(*) AS n FROM big`),
    s.columnsEncoded(`SELECT i, v, x FROM big ORDER BY i`, spec),
    s.columns(`SELECT i, v, x FROM big WHERE i < 10 ORDER BY i`, spec),
  ]);
  assert.equal(a.i.length, 50000);
  assert.equal(a.v[49999], `v${49999 % 97}`);
  assert.equal(b[0].n, 50000n);
  assert.equal((c.i as Int32Array).length, 50000);
  assert.equal(d.x[9], 4.5);
  // a statement issued during another caller's transaction waits for it, and is not rolled back with it
  let release!: () => void;
  const inside = s.transaction(async () => {
    await s.run(`INSERT INTO big VALUES (-1, 'tx', 0)`);
    await new Promise<void>((r) => {
      release = r;
    });
    throw new Error('roll back');
  });
  await new Promise((r) => setTimeout(r, 20));
  const outside = s.run(`INSERT INTO big VALUES (-2, 'outside', 0)`);
  release();
  await assert.rejects(inside, /roll back/);
  await outside;
  const left = await s.all<{ i: number }>(`SELECT i FROM big WHERE i < 0 ORDER BY i`);
  assert.deepEqual(
    left.map((r) => r.i),
    [-2],
  );
  s.close();
});

test('a store whose order_lines still declare the old key is migrated on open, rows and defaults kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-keyed-'));
  const file = join(dir, 'old.duckdb');
  const s0 = await Store.open(file);
  // Recreate the table as older stores have it: the 3-column primary key DuckDB builds in memory.
  await s0.run(`DROP TABLE order_lines`);
  await s0.run(`CREATE TABLE order_lines (order_id VARCHAR NOT NULL, product_id VARCHAR NOT NULL, line_no INTEGER NOT NULL,
    customer_id VARCHAR NOT NULL, quantity DOUBLE NOT NULL, unit_price DOUBLE NOT NULL, amount DOUBLE NOT NULL, ts TIMESTAMP NOT NULL,
    kind VARCHAR NOT NULL DEFAULT 'purchase', cancels_order_id VARCHAR, PRIMARY KEY (order_id, product_id, line_no))`);
  await s0.run(`INSERT INTO order_lines (order_id, product_id, line_no, customer_id, quantity, unit_price, amount, ts)
    VALUES ('o1','p1',0,'c1',2,1.5,3,'2020-01-01 10:00'), ('o1','p1',1,'c1',1,1.5,1.5,'2020-01-01 10:00')`);
  s0.close();
  const s = await Store.open(file);
  const keys = await s.all(`SELECT 1 FROM duckdb_constraints() WHERE table_name = 'order_lines' AND constraint_type = 'PRIMARY KEY'`);
  assert.equal(keys.length, 0, 'the key is gone');
  const rows = await s.all<{ line_no: number; kind: string }>(`SELECT line_no, kind FROM order_lines ORDER BY line_no`);
  assert.deepEqual(
    rows.map((r) => [r.line_no, r.kind]),
    [
      [0, 'purchase'],
      [1, 'purchase'],
    ],
  );
  await s.run(`INSERT INTO order_lines (order_id, product_id, line_no, customer_id, quantity, unit_price, amount, ts)
    VALUES ('o2','p1',0,'c1',1,1,1,'2020-01-02')`);
  assert.equal((await s.one<{ k: string }>(`SELECT kind AS k FROM order_lines WHERE order_id = 'o2'`))!.k, 'purchase', 'default kept');
  s.close();
  rmSync(dir, { recursive: true, force: true });
});
