// Data commands with `nextbest serve` holding the store: the CLI goes through the server (from
// another working directory, with a relative file path) and prints and exits as it does in-process.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir, writeText } from '../ingest/fixtures.ts';
import { runCli } from '../helpers/runCli.ts';
import { startServerProcess } from '../helpers/serverProcess.ts';

test('import, config, audience through a live server: same output, file:line problems, exit codes', { timeout: 600_000 }, async () => {
  const dir = tempDir();
  const db = join(dir, 'shop.duckdb');
  mkdirSync(join(dir, 'data'));
  writeText(join(dir, 'data'), 'crm.csv', 'Client,country\nc1,France\nc2,Spain\n');
  writeText(join(dir, 'data'), 'bad.csv', 'order_id,product_id,customer_id,quantity,unit_price,ts\no9,p1,c1,x,1,2011-01-01\n');
  const s = await startServerProcess(db);
  try {
    // The server runs in the repository; the CLI in `dir`, naming the file relative to it.
    const ok = runCli(['import', 'customers', 'data/crm.csv', '--map', 'customer_id=Client', '--db', db], {}, dir);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^imported: data\/crm\.csv → customers/);
    assert.match(ok.stdout, /rows read 2, kept 2: inserted 2, updated 0, unchanged 0/);
    const history = await s.api('GET', '/v1/imports');
    assert.deepEqual([history.json[0].status, history.json[0].file], ['succeeded', 'data/crm.csv'], 'it ran as a server job');

    const bad = runCli(['import', 'order_lines', 'data/bad.csv', '--db', db], {}, dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /data\/bad\.csv:2: column quantity: not a number: 'x'/);
    assert.equal(bad.stdout, '');

    const show = runCli(['config', 'show', '--json', '--db', db], {}, dir);
    assert.equal(show.code, 0, show.stderr);
    assert.deepEqual(JSON.parse(show.stdout)['mapping:customers'], { customer_id: 'Client' });

    const audience = runCli(['audience', 'count', 'frequency >= 2', '--db', db], {}, dir);
    assert.equal(audience.code, 2);
    assert.match(audience.stderr, /no order lines stored/);
  } finally {
    s.child.kill('SIGTERM');
    await s.exited;
  }
});
