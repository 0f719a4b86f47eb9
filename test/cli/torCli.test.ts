import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';
import { runCli } from '../helpers/runCli.ts';

test('CLI: offers → tor create (id on the last line) → compute → show → byte-identical exports; exit codes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-cli-'));
  const db = join(dir, 'x.duckdb');
  (await tinyRetailStore(db)).close();
  const env = { NEXTBEST_DB: db };
  assert.equal(runCli(['offers', 'from-attribute', 'family'], env).code, 0);
  const list = runCli(['offers', 'list', '--window', 'all', '--json'], env);
  assert.equal(list.code, 0);
  assert.equal(JSON.parse(list.stdout).list.length, 3);

  const created = runCli(
    [
      'tor',
      'create',
      '--name',
      'Spring',
      '--offer',
      'family=bags,family=candles',
      '--offer',
      'family=mugs',
      '--per-customer',
      '2',
      '--model',
      'frequency',
    ],
    env,
  );
  assert.equal(created.code, 0, created.stderr);
  const id = created.stdout.trim().split('\n').at(-1)!;
  assert.match(id, /^tor-\d+$/);

  const computed = runCli(['tor', 'compute', id], env);
  assert.equal(computed.code, 0, computed.stderr);
  assert.match(computed.stderr, /computing/, 'progress goes to stderr');
  const show = runCli(['tor', 'show', id, '--json'], env);
  const ov = JSON.parse(show.stdout);
  assert.equal(ov.tor.status, 'ready');
  assert.equal(ov.volumes.length, 3);

  const a = join(dir, 'a.csv'),
    b = join(dir, 'b.csv');
  assert.equal(runCli(['tor', 'export', id, '--out', a], env).code, 0);
  assert.equal(runCli(['tor', 'recompute', id], env).code, 0);
  assert.equal(runCli(['tor', 'export', id, '--out', b], env).code, 0);
  const text = readFileSync(a, 'utf8');
  assert.equal(text, readFileSync(b, 'utf8'), 'same inputs give byte-identical exports');
  assert.equal(text.split('\n')[0], 'customer_id,priority,offer_id,score');
  assert.equal(text.trim().split('\n').length, 1 + 4 * 2);

  const all = join(dir, 'all.csv');
  assert.equal(runCli(['tor', 'export', id, '--out', all, '--all-scores'], env).code, 0);
  const allRows = readFileSync(all, 'utf8').trim().split('\n');
  assert.equal(allRows[0], 'customer_id,offer_id,score,rank');
  assert.equal(allRows.length, 1 + 4 * 3);
  assert.equal(JSON.parse(runCli(['tor', 'show', id, '--json'], env).stdout).tor.status, 'exported');

  // Usage and input errors exit 2 with a message; nothing is created.
  const tooMany = runCli(
    ['tor', 'create', '--name', 'x', '--offer', Array.from({ length: 26 }, (_, i) => `o${i}`).join(','), '--per-customer', '1'],
    env,
  );
  assert.equal(tooMany.code, 2);
  assert.match(tooMany.stderr, /at most 25 offers/);
  assert.equal(runCli(['tor', 'create', '--name', 'x', '--offer', 'family=bags', '--per-customer', '0'], env).code, 2);
  assert.equal(runCli(['tor', 'show', 'tor-999'], env).code, 2);
  assert.equal(runCli(['tor', 'compute'], env).code, 2);
  assert.equal(runCli(['nonsense'], env).code, 2);
  assert.equal(runCli(['tor', 'list', '--bogus-flag'], env).code, 2);
  assert.equal(JSON.parse(runCli(['tor', 'list', '--json'], env).stdout).length, 1);
  assert.equal(runCli(['tor', 'delete', id], env).code, 0);
  assert.equal(runCli(['tor', 'show', id], env).code, 2);
  assert.ok(!existsSync(join(dir, 'a.csv.tmp')));
});
