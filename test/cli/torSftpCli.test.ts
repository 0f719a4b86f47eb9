// The user's path end to end: `nextbest tor export … --out sftp://…` against a real OpenSSH server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';
import { runCli } from '../helpers/runCli.ts';
import { startSftpServer, type SftpTestServer } from '../helpers/sftpServer.ts';

let srv: SftpTestServer;
before(async () => {
  srv = await startSftpServer();
});
after(async () => {
  await srv?.stop();
});

test('CLI: tor export to sftp:// lands the file atomically and records the history', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-sftp-cli-'));
  const db = join(dir, 'x.duckdb');
  (await tinyRetailStore(db)).close();
  const env = { NEXTBEST_DB: db };
  assert.equal(runCli(['offers', 'from-attribute', 'family'], env).code, 0);
  const id = runCli(
    ['tor', 'create', '--name', 's', '--offer', 'family=bags,family=mugs', '--per-customer', '1', '--model', 'frequency'],
    env,
  )
    .stdout.trim()
    .split('\n')
    .at(-1)!;
  assert.equal(runCli(['tor', 'compute', id], env).code, 0);
  const url = `sftp://${srv.user}@${srv.host}:${srv.port}${srv.dropDir}/tor.csv`;
  const ok = runCli(['tor', 'export', id, '--out', url, '--sftp-key', srv.clientKey], env);
  assert.equal(ok.code, 0, ok.stderr);
  const landed = readdirSync(srv.dropDir).sort();
  assert.deepEqual(landed, ['tor.csv', 'tor.csv.manifest.json'], 'the file and its manifest, no .part file left behind');
  const manifest = JSON.parse(readFileSync(join(srv.dropDir, 'tor.csv.manifest.json'), 'utf8'));
  assert.equal(manifest.file.rows, 4);
  const text = readFileSync(join(srv.dropDir, 'tor.csv'), 'utf8');
  assert.equal(text.split('\n')[0], 'customer_id,priority,offer_id,score');
  assert.equal(text.trim().split('\n').length, 5);
  // A wrong key is a user error (exit 2) and is recorded in the history too.
  const badKey = join(dir, 'nokey');
  const bad = runCli(['tor', 'export', id, '--out', url.replace('tor.csv', 'b.csv'), '--sftp-key', badKey], env);
  assert.equal(bad.code, 2);
  const hist = JSON.parse(runCli(['tor', 'exports', id, '--json'], env).stdout) as { status: string; target: string }[];
  assert.deepEqual(hist.map((h) => h.status).sort(), ['error', 'ok']);
  assert.ok(hist.every((h) => !/key|password/i.test(h.target)));
});
