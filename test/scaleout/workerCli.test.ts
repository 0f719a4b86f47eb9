// The scale-out commands as a user runs them: `nextbest worker` and `nextbest tor compute --redis`,
// in child processes on a store file, with a real redis-server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Store } from '../../src/store/store.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { runCli } from '../helpers/runCli.ts';
import { startRedisServer, type RedisTestServer } from '../helpers/redisServer.ts';
import { syntheticStore } from './syntheticTorStore.ts';

const BIN = fileURLToPath(new URL('../../bin/nextbest.js', import.meta.url));
let redis: RedisTestServer;
let dir: string;

before(async () => {
  redis = await startRedisServer();
  dir = await mkdtemp(join(tmpdir(), 'nb-worker-cli-'));
});
after(async () => {
  await redis?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('bad flags are refused with the reason and the usage', () => {
  const w = runCli(['worker', '--redis', redis.url]);
  assert.equal(w.code, 2);
  assert.match(w.stderr, /give --redis URL and --shared DIR/);
  const c = runCli(['tor', 'compute', 'tor-1', '--db', join(dir, 'x.duckdb'), '--redis', redis.url]);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /--redis needs --shared DIR/);
});

test('tor compute --redis with a worker process gives the rows of tor compute; a missing shared folder is refused', async () => {
  const db = join(dir, 'shop.duckdb');
  const s = await syntheticStore(db);
  const offers = ['family=f0', 'family=f1', 'family=f2'];
  await createTor(s, { name: 'p', offers, perCustomer: 2, model: 'propensity', asOf: '2021-01-15' });
  await createTor(s, { name: 'a', offers, perCustomer: 2, asOf: '2021-01-15' });
  s.close();
  const read = async () => {
    const st = await Store.open(db);
    const r = await st.all(`SELECT customer_id, priority, offer_id, score FROM tor_results WHERE tor_id = 'tor-1' ORDER BY 1, 2`);
    st.close();
    return r;
  };
  const single = runCli(['tor', 'compute', 'tor-1', '--db', db, '--json']);
  assert.equal(single.code, 0, single.stderr);
  const one = await read();
  assert.equal(one.length, 120);

  const worker: ChildProcess = spawn(process.execPath, [BIN, 'worker', '--redis', redis.url, '--shared', dir], { stdio: 'ignore' });
  try {
    // spawnSync below blocks this process, not the worker: it picks the shards up as soon as it is ready.
    const dist = runCli(['tor', 'compute', 'tor-1', '--db', db, '--json', '--redis', redis.url, '--shared', dir, '--shards', '3']);
    assert.equal(dist.code, 0, dist.stderr);
    assert.equal(JSON.parse(dist.stdout).assignments, 120);
    assert.deepEqual(await read(), one);
    const missing = runCli(['tor', 'compute', 'tor-2', '--db', db, '--redis', redis.url, '--shared', join(dir, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--shared: .*nope is not a directory/);
  } finally {
    worker.kill('SIGTERM');
  }
});
