// Issue 12 §3: an import killed with -9 while writing left its uncommitted blocks at the end of the
// store file (8 MB → 88–204 MB, no rows added). The next command gives the space back
// (store/reclaimStoreFile.ts) and the store holds exactly what it held before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';
import { Store } from '../../src/store/store.ts';

const BIN = fileURLToPath(new URL('../../bin/nextbest.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'nb-killed-import-'));
const db = join(dir, 'shop.duckdb');
const big = join(dir, 'lines.csv');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function orderLineCount(): Promise<number> {
  const s = await Store.open(db);
  try {
    return Number((await s.one<{ n: bigint }>('SELECT count(*) AS n FROM order_lines'))!.n);
  } finally {
    await s.close();
  }
}

test('kill -9 of a running import: the next command reclaims the space, no rows added', async () => {
  const s = await Store.open(db);
  await s.run(`INSERT INTO customers SELECT 'c' || i FROM range(1000) r(i)`);
  await s.run(`INSERT INTO products (product_id) SELECT 'p' || i FROM range(500) r(i)`);
  // Unique order ids and varied values, so the written blocks do not compress away.
  await s.run(`COPY (SELECT 'o' || i AS order_id, 'c' || (i % 1000) AS customer_id, 'p' || (i * 7 % 500) AS product_id,
      1 + i % 5 AS quantity, round(1 + (i % 997) / 10, 2) AS unit_price, TIMESTAMP '2021-01-01' + to_seconds(i * 17 % 9000000) AS ts
    FROM range(600000) r(i)) TO '${big}' (HEADER)`);
  await s.close();
  const before = statSync(db).size;

  const child = spawn(process.execPath, [BIN, 'import', 'order_lines', big, '--db', db], { stdio: 'ignore' });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  let grown = 0;
  let done = false;
  void exited.then(() => (done = true));
  const t0 = Date.now();
  while (!done && (grown = statSync(db).size) < before + 3 * 1024 * 1024) await sleep(20);
  assert.ok(!done, `the import ended after ${Date.now() - t0} ms, before it could be killed mid-write: raise the row count`);
  child.kill('SIGKILL');
  await exited;
  assert.ok(statSync(db).size >= before + 3 * 1024 * 1024, `killed while writing: ${grown} bytes`);

  const next = await main(['config', 'show', '--db', db], { out: () => {}, err: () => {}, env: {} });
  assert.equal(next, 0);
  const after = statSync(db).size;
  assert.ok(after <= before + 512 * 1024, `store ${before} → ${grown} (killed) → ${after} bytes after the next command`);
  assert.equal(await orderLineCount(), 0, 'nothing of the killed import is stored');
  // The trimmed store still takes writes and reads them back.
  const s2 = await Store.open(db);
  await s2.run(`INSERT INTO order_lines SELECT 'o1', 'p1', 0, 'c1', 1, 2, 2, TIMESTAMP '2021-02-01', 'purchase', NULL`);
  await s2.close();
  assert.equal(await orderLineCount(), 1);
});
