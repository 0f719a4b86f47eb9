// Distributed TOR computes on a real redis-server and real `nextbest worker` processes: the results
// must be the single-process rows exactly, also after a worker is killed mid-shard and after Redis
// restarts (empty) mid-run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../../src/store/store.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { computeTorDistributed } from '../../src/scaleout/computeTorDistributed.ts';
import { startRedisServer, type RedisTestServer } from '../helpers/redisServer.ts';
import { syntheticStore } from './syntheticTorStore.ts';

const BIN = fileURLToPath(new URL('../../bin/nextbest.js', import.meta.url));

let redis: RedisTestServer;
let shared: string;
const workers: ChildProcess[] = [];

/** A `nextbest worker` process; resolves once it says it is ready. */
async function startWorker(env: Record<string, string> = {}): Promise<{ proc: ChildProcess; log: () => string }> {
  const args = [BIN, 'worker', '--redis', redis.url, '--shared', shared, '--lock-ms', '2000'];
  const proc = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  workers.push(proc);
  let log = '';
  proc.stderr!.on('data', (d) => (log += d));
  proc.stdout!.on('data', (d) => (log += d));
  const t0 = Date.now();
  while (!/worker ready/.test(log)) {
    if (proc.exitCode !== null || Date.now() - t0 > 30_000) throw new Error(`worker did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { proc, log: () => log };
}

async function stopWorkers() {
  for (const w of workers.splice(0)) {
    if (w.exitCode !== null || w.signalCode) continue;
    const gone = new Promise((r) => w.once('exit', r));
    w.kill('SIGTERM');
    await gone;
  }
}

const rows = (s: Store, torId: string) =>
  s.all(`SELECT customer_id, priority, offer_id, score, reason FROM tor_results WHERE tor_id = ? ORDER BY customer_id, priority`, [torId]);
const allScores = (s: Store, torId: string) =>
  s.all(`SELECT customer_id, offer_id, score, rank FROM tor_scores WHERE tor_id = ? ORDER BY customer_id, offer_id`, [torId]);

before(async () => {
  redis = await startRedisServer();
  shared = await mkdtemp(join(tmpdir(), 'nb-shared-'));
});
after(async () => {
  await stopWorkers();
  await redis?.stop();
  if (shared) await rm(shared, { recursive: true, force: true });
});

test('every model (auto too) on 2 workers: the rows, scores and quality of one process, volume limits included', async () => {
  await Promise.all([startWorker(), startWorker()]);
  const s = await syntheticStore();
  for (const model of ['propensity', 'frequency', 'popularity', 'baseline', 'auto'] as const) {
    const tor = await createTor(s, {
      name: model,
      offers: ['family=f0', 'family=f1', 'family=f2'],
      perCustomer: 2,
      model,
      asOf: '2021-01-15',
      extra: { limits: { max: { 'family=f0': 15 } } },
    });
    const single = await computeTor(s, tor.torId);
    const one = await rows(s, tor.torId);
    const oneScores = await allScores(s, tor.torId);
    const oneQuality = await s.all(`SELECT quality::VARCHAR AS q FROM tors WHERE tor_id = ?`, [tor.torId]);
    const stages: string[] = [];
    const dist = await computeTorDistributed(s, tor.torId, { redis: redis.url, shards: 4, shared }, (_f, stage) => stages.push(stage));
    assert.ok(
      stages.some((x) => /distributed: 4\/4 shards scored/.test(x)),
      stages.join('\n'),
    );
    assert.deepEqual(await rows(s, tor.torId), one, `${model}: tor_results identical`);
    assert.deepEqual(await allScores(s, tor.torId), oneScores, `${model}: tor_scores identical`);
    assert.equal(dist.assignments, single.assignments);
    const quality = await s.all(`SELECT quality::VARCHAR AS q FROM tors WHERE tor_id = ?`, [tor.torId]);
    assert.deepEqual(quality, oneQuality, `${model}: the same prediction quality (auto: the same choice)`);
    const f0 = one.filter((r) => (r as { offer_id: string }).offer_id === 'family=f0').length;
    assert.ok(f0 <= 15, `${model}: the global limit holds (${f0} customers get family=f0)`);
  }
  // auto scored with the model it chose, on the same inputs: that model's run folder, its shard files reused.
  const runs = await readdir(join(shared, 'runs'));
  assert.equal(runs.length, 4);
  s.close();
  await stopWorkers();
});

/** Waits until `cond` holds, polling. */
async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 30_000) {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a worker killed with -9 mid-shard: another worker takes the shard over; same rows, none duplicated', async () => {
  const s = await syntheticStore();
  const tor = await createTor(s, {
    name: 'k',
    offers: ['family=f0', 'family=f1', 'family=f2'],
    perCustomer: 2,
    model: 'propensity',
    asOf: '2021-01-15',
  });
  await computeTor(s, tor.torId);
  const one = await rows(s, tor.torId);
  // Another shard count than the first test: a new run, nothing to reuse. A slow worker takes the first shard…
  const slow = await startWorker({ NEXTBEST_SHARD_DELAY_MS: '60000' });
  const stages: string[] = [];
  const running = computeTorDistributed(s, tor.torId, { redis: redis.url, shards: 3, shared }, (_f, stage) => stages.push(stage));
  await until(() => stages.some((x) => /enqueued run/.test(x)), 'the run to be enqueued');
  await new Promise((r) => setTimeout(r, 1500)); // the slow worker's child is now sleeping inside shard 0
  slow.proc.kill('SIGKILL');
  // …and a healthy one joins after the kill: it scores the rest and, once the lock expires, the stalled shard.
  const healthy = await startWorker();
  const summary = await running;
  assert.ok(stages.some((x) => /3\/3 shards scored/.test(x)));
  // The slow worker finished nothing: all 3 shards, the stalled one included, were scored by the healthy one.
  assert.equal((healthy.log().match(/of run \w+: scored/g) ?? []).length, 3, healthy.log());
  const again = await rows(s, tor.torId);
  assert.deepEqual(again, one);
  assert.equal(again.length, summary.assignments, 'no duplicate rows');
  s.close();
  await stopWorkers();
});

test('Redis restarted empty mid-run: the run is enqueued again, scored shards are reused, same rows', async () => {
  const s = await syntheticStore();
  const tor = await createTor(s, {
    name: 'r',
    offers: ['family=f0', 'family=f1', 'family=f2'],
    perCustomer: 2,
    model: 'frequency',
    asOf: '2021-01-15',
  });
  await computeTor(s, tor.torId);
  const one = await rows(s, tor.torId);
  await startWorker({ NEXTBEST_SHARD_DELAY_MS: '1500' });
  const stages: string[] = [];
  const running = computeTorDistributed(s, tor.torId, { redis: redis.url, shards: 5, shared }, (_f, stage) => stages.push(stage));
  await until(() => stages.some((x) => /[12]\/5 shards scored/.test(x)), 'a first shard');
  await redis.restart();
  await running;
  assert.ok(
    stages.some((x) => /Redis no longer holds run/.test(x)),
    stages.join('\n'),
  );
  assert.deepEqual(await rows(s, tor.torId), one);
  s.close();
  await stopWorkers();
});

test('no Redis at the URL: a clear error, and the TOR keeps its last good result', async () => {
  const s = await syntheticStore();
  const tor = await createTor(s, { name: 'n', offers: ['family=f0', 'family=f1'], perCustomer: 1, model: 'frequency', asOf: '2021-01-15' });
  await computeTor(s, tor.torId);
  const one = await rows(s, tor.torId);
  const dead = 'redis://127.0.0.1:1';
  await assert.rejects(computeTorDistributed(s, tor.torId, { redis: dead, shards: 2, shared }), /Redis at redis:\/\/127\.0\.0\.1:1/);
  assert.deepEqual(await rows(s, tor.torId), one);
  const t = await s.all<{ status: string }>(`SELECT status FROM tors WHERE tor_id = ?`, [tor.torId]);
  assert.equal(t[0].status, 'error');
  s.close();
});

test('a worker that sees another shared directory: the shard fails after its retries and the compute says why', async () => {
  const s = await syntheticStore();
  const tor = await createTor(s, { name: 'w', offers: ['family=f0', 'family=f1'], perCustomer: 1, model: 'frequency', asOf: '2021-01-15' });
  const elsewhere = await mkdtemp(join(tmpdir(), 'nb-elsewhere-'));
  const args = [BIN, 'worker', '--redis', redis.url, '--shared', elsewhere, '--lock-ms', '2000'];
  const proc = spawn(process.execPath, args, { stdio: 'ignore' });
  workers.push(proc);
  try {
    await assert.rejects(
      computeTorDistributed(s, tor.torId, { redis: redis.url, shards: 1, shared }),
      /distributed compute failed: shard 0: ENOENT.*context\.json/,
    );
  } finally {
    await stopWorkers();
    await rm(elsewhere, { recursive: true, force: true });
    s.close();
  }
});
