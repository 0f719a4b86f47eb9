// The recommendation commands of a CLI whose store is held by a running server go through it:
// a relative --out lands in the CLI's folder (not the server's), the job's log lines arrive on
// stderr, and the output is the same as in-process.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/runCli.ts';
import { startServerProcess } from '../helpers/serverProcess.ts';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';

test('recommend, models train/list/show, evaluate and tune through a live server', { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-recs-cli-'));
  const db = join(dir, 'tiny.duckdb');
  (await tinyRetailStore(db)).close();
  const cwd = join(dir, 'work');
  mkdirSync(cwd);
  const server = await startServerProcess(db);
  try {
    const rec = runCli(['recommend', '--db', db, '--out', 'out/recs.csv', '--top', '2', '--model', 'popularity'], {}, cwd);
    assert.equal(rec.code, 2, 'the folder does not exist yet: a user error');
    assert.match(rec.stderr, /no folder/);
    mkdirSync(join(cwd, 'out'));
    const ok = runCli(['recommend', '--db', db, '--out', 'out/recs.csv', '--top', '2', '--model', 'popularity', '--json'], {}, cwd);
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(existsSync(join(cwd, 'out', 'recs.csv')), 'written where the CLI runs');
    assert.match(ok.stderr, /fitting 'popularity'/, 'the job log reaches stderr');
    assert.match(ok.stderr, /wrote 8 rows for 4 customers to out\/recs\.csv/);
    const summary = JSON.parse(ok.stdout);
    assert.deepEqual([summary.target, summary.model, summary.rows], ['out/recs.csv', 'popularity', 8]);
    assert.equal(readFileSync(join(cwd, 'out', 'recs.csv'), 'utf8').split('\n').length, 10);

    const train = runCli(['models', 'train', '--db', db, '--model', 'repurchase'], {}, cwd);
    assert.equal(train.code, 0, train.stderr);
    assert.match(train.stdout, /^repurchase fitted on \d+ customer×product entries as of 2021-03-02; saved/);
    assert.ok(existsSync(`${db}.repurchase.model`));
    const table = runCli(['recommend', '--db', db, '--table', '--model', 'repurchase'], {}, cwd);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stderr, /loaded model 'repurchase'/);
    assert.equal(table.stdout, 'table product_recommendations\n');

    const ev = runCli(['evaluate', '--db', db, '--model', 'popularity', '--as-of', '2021-02-01', '--k', '2'], {}, cwd);
    assert.equal(ev.code, 0, ev.stderr);
    assert.match(ev.stdout, /^B1 as of 2021-02-01/);
    const list = runCli(['models', 'list', '--db', db], {}, cwd);
    assert.match(list.stdout, /popularity\s+\S+\s+\d\.\d{4}/, 'the measured NDCG shows in the list');
    const tune = runCli(['tune', '--db', db, '--model', 'popularity', '--validation-days', '30'], {}, cwd);
    assert.equal(tune.code, 0, tune.stderr);
    assert.match(tune.stdout, /saved as config:popularity/);
    const show = runCli(['models', 'show', 'popularity', '--db', db, '--json'], {}, cwd);
    assert.deepEqual(Object.keys(JSON.parse(show.stdout)), ['name', 'config', 'quality']);
    const unknown = runCli(['models', 'show', 'nope', '--db', db], {}, cwd);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown model 'nope'/);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
});
