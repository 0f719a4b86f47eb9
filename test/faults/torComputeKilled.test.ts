// A TOR compute killed with SIGKILL (in-process CLI, no server) must not stay 'computing': the next
// command that opens the store sets it to Error with a message naming the dead process, keeps the
// last good result (still exportable) and lets a new compute run. A compute whose process is alive
// (this one, or one on another host with a fresh heartbeat) is left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { experimentStore } from '../helpers/experimentStore.ts';
import { main } from '../../src/cli/main.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { getTor } from '../../src/store/torTable.ts';
import { Store } from '../../src/store/store.ts';
import { failInterruptedWork } from '../../src/jobs/failInterruptedWork.ts';
import { recordComputeRun } from '../../src/store/torComputeRunTable.ts';
import { currentProcessStamp } from '../../src/tor/processStamp.ts';

/** The CLI's main() in this process, output captured. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '',
    err = '';
  const code = await main(args, { out: (t: string) => void (out += t), err: (t: string) => void (err += t), env: {} });
  return { code, out, err };
}

const BIN = fileURLToPath(new URL('../../bin/nextbest.js', import.meta.url));

/** Runs `tor compute` in a child and SIGKILLs it once its progress shows the model training. */
function computeKilledMidway(db: string, torId: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'tor', 'compute', torId], { env: { ...process.env, NEXTBEST_DB: db } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (/propensity: \d+ choice rows/.test(err)) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(err) : reject(new Error(`compute ended (${code}) before the kill:\n${err}`)),
    );
  });
}

test('kill -9 mid-compute → next open: Error naming the process, last good result exported, recompute works', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-fault-tor-'));
  const db = join(dir, 'x.duckdb');
  const s = await experimentStore(4000, db);
  await offersFromAttribute(s, 'family');
  const tor = await createTor(s, {
    name: 'k',
    offers: ['family=bags', 'family=mugs', 'family=candles'],
    perCustomer: 2,
    model: 'propensity',
    asOf: '2021-06-01',
  });
  const first = await computeTor(s, tor.torId);
  // One more line before the as-of date changes the data fingerprint: the next compute retrains (slow enough to kill).
  await s.run(`INSERT INTO order_lines VALUES ('extra', 'p1', 0, 'c00001', 1, 2, 2, TIMESTAMP '2021-05-30', 'purchase', NULL)`);
  s.close();

  const killedErr = await computeKilledMidway(db, tor.torId);
  assert.match(killedErr, /computing/);

  // The next commands run the CLI in this process (a child start costs seconds on a busy machine; same code path).
  const show = await cli(['tor', 'show', tor.torId, '--db', db]);
  assert.equal(show.code, 0, show.err);
  assert.match(show.out, /status: Error — interrupted: the computing process \(pid \d+ on .*\) stopped; the last good result is kept/);

  const out = join(dir, 'last-good.csv');
  const exp = await cli(['tor', 'export', tor.torId, '--out', out, '--db', db]);
  assert.equal(exp.code, 0, exp.err);
  const rows = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(rows.length - 1, first.assignments, 'the export holds the last good result');

  const s2 = await Store.open(db);
  const again = await computeTor(s2, tor.torId);
  assert.equal(again.customers, first.customers);
  const after = await getTor(s2, tor.torId);
  assert.equal(after.status, 'ready');
  assert.equal(after.error, null);
  const runs = await s2.all(`SELECT * FROM tor_compute_runs`);
  assert.equal(runs.length, 0, 'a finished compute leaves no run record');
  s2.close();
});

test('recovery leaves a live compute alone and fails one whose process is gone', async () => {
  const s = await experimentStore(50);
  await offersFromAttribute(s, 'family');
  const ids: string[] = [];
  for (const name of ['live', 'dead', 'remote-fresh', 'remote-stale', 'unrecorded']) {
    const t = await createTor(s, { name, offers: ['family=bags'], perCustomer: 1, model: 'frequency', asOf: '2021-06-01' });
    await s.run(`UPDATE tors SET status = 'computing' WHERE tor_id = ?`, [t.torId]);
    ids.push(t.torId);
  }
  const [live, dead, remoteFresh, remoteStale, unrecorded] = ids;
  const me = currentProcessStamp();
  await recordComputeRun(s, live, me, 'ready');
  // A pid that certainly ended: a child that has exited (and been reaped).
  const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
  await recordComputeRun(s, dead, { ...me, pid: gone }, 'ready');
  await recordComputeRun(s, remoteFresh, { ...me, host: 'another-host' }, 'ready');
  await recordComputeRun(s, remoteStale, { ...me, host: 'another-host' }, 'ready');
  await s.run(`UPDATE tor_compute_runs SET heartbeat_at = now()::TIMESTAMP - INTERVAL 1 HOUR WHERE tor_id = ?`, [remoteStale]);

  const r = await failInterruptedWork(s);
  assert.equal(r.tors, 3);
  const status = async (id: string) => (await getTor(s, id)).status;
  assert.equal(await status(live), 'computing');
  assert.equal(await status(remoteFresh), 'computing');
  assert.equal(await status(dead), 'error');
  assert.match((await getTor(s, dead)).error!, new RegExp(`pid ${gone} on `));
  assert.equal(await status(remoteStale), 'error');
  assert.match((await getTor(s, unrecorded)).error!, /interrupted: the process running it stopped/);
  s.close();
});
