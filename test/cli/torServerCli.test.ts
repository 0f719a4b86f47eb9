// The TOR commands with `nextbest serve` holding the store: they go through the API (DuckDB lets
// one process open the file, so a success proves it) and print what they print in-process.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';
import { runCli } from '../helpers/runCli.ts';
import { startServerProcess } from '../helpers/serverProcess.ts';

test('CLI through the server: tor create → compute → export (relative path) → exports → edit → delete', { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-tor-srv-'));
  const db = join(dir, 'x.duckdb');
  const s = await tinyRetailStore(db);
  await offersFromAttribute(s, 'family');
  s.close();
  const srv = await startServerProcess(db);
  try {
    const env = { NEXTBEST_DB: db };
    const created = runCli(
      [
        'tor',
        'create',
        '--name',
        'Spring',
        '--offer',
        'family=bags,family=candles',
        '--per-customer',
        '2',
        '--model',
        'frequency',
        '--suppress-days',
        '10',
        '--max-at',
        'family=bags:1=3',
      ],
      env,
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stderr, /created TOR 'Spring' \(Draft\) with 2 offers: family=bags, family=candles/);
    assert.match(created.stderr, /audience: 4 included of 4 addressable customers/);
    const id = created.stdout.trim().split('\n').at(-1)!;
    assert.match(id, /^tor-\d+$/);
    const tor = (await srv.api('GET', `/v1/tors/${id}`)).json.tor;
    assert.deepEqual(tor.settings.limits, { maxAtPriority: { 'family=bags': [3, null, null, null] } });

    const computed = runCli(['tor', 'compute', id], env);
    assert.equal(computed.code, 0, computed.stderr);
    // A relative --out is the CLI's folder, not the server's.
    const exported = runCli(['tor', 'export', id, '--out', 'out.csv'], env, dir);
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(exported.stdout.trim(), join(dir, 'out.csv'));
    assert.match(exported.stderr, /exported 8 rows \(\d+ bytes, long csv\) to /);
    assert.equal(readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n').length, 9);
    const hist = JSON.parse(runCli(['tor', 'exports', id, '--json'], env).stdout) as { status: string; rows: number }[];
    assert.deepEqual(
      hist.map((h) => [h.status, h.rows]),
      [['ok', 8]],
    );

    const renamed = runCli(['tor', 'edit', id, '--name', 'Spring v2'], env);
    assert.equal(renamed.stdout, `${id} updated (exported)\n`);
    assert.equal(runCli(['tor', 'edit', id, '--max', 'family=candles=2'], env).stdout, `${id} updated (draft)\n`);
    const limits = (await srv.api('GET', `/v1/tors/${id}`)).json.tor.settings.limits;
    assert.deepEqual(
      limits,
      { maxAtPriority: { 'family=bags': [3, null, null, null] }, max: { 'family=candles': 2 } },
      'edits merge limits',
    );

    // Errors keep their exit codes: unknown TOR 2, bad input 2.
    assert.equal(runCli(['tor', 'delete', 'tor-999'], env).code, 2);
    const bad = runCli(['tor', 'edit', id, '--min', 'family=candles=5'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /family=candles: --min 5 is above --max 2/);
    assert.equal(runCli(['tor', 'delete', id], env).stdout, `${id} deleted\n`);
    assert.equal((await srv.api('GET', `/v1/tors/${id}`)).status, 404);
  } finally {
    srv.child.kill('SIGTERM');
    await srv.exited;
  }
  assert.ok(!existsSync(`${db}.server.json`), 'the server removed its discovery file');
});
