import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customersByShard, shardOfCustomer } from '../../src/scaleout/shardOfCustomer.ts';
import { shardInput } from '../../src/scaleout/shardInputs.ts';
import { scoreShard } from '../../src/scaleout/scoreShard.ts';
import { frequencyScores } from '../../src/rank/frequencyScores.ts';
import { affinityAllCustomerParts, affinityScores } from '../../src/rank/affinityScores.ts';
import { redisConnection } from '../../src/scaleout/redisConnection.ts';

test('customers hash to stable shards, and every customer is in exactly one shard, ascending', () => {
  // FNV-1a of the id: fixed values, so a shard never moves between runs or machines.
  assert.equal(shardOfCustomer('c1', 4), shardOfCustomer('c1', 4));
  assert.equal(shardOfCustomer('', 7), 0x811c9dc5 % 7);
  const ids = Array.from({ length: 1000 }, (_, i) => `cust-${i}`);
  const parts = customersByShard(ids, 4);
  const seen = parts.flatMap((p) => [...p]).sort((a, b) => a - b);
  assert.deepEqual(
    seen,
    ids.map((_, i) => i),
  );
  for (const p of parts) {
    assert.ok(p.length > 180 && p.length < 320, `balanced: ${p.length}`);
    for (let i = 1; i < p.length; i++) assert.ok(p[i] > p[i - 1]);
  }
});

test('a shard gets only its customers’ lines and events, renumbered, and scores them as the whole history does', () => {
  const all = {
    nCustomers: 4,
    lineCust: Int32Array.from([0, 1, 2, 3, 1, 2]),
    lineOffer: Int32Array.from([0, 1, -1, 1, 0, 0]),
    lineAmount: Float64Array.from([1, 2, 3, 4, 5, 6]),
    lineTs: Float64Array.from([10, 20, 30, 40, 50, 60]),
  };
  const events = {
    cust: Int32Array.from([2, 0, 1]),
    offer: Int32Array.from([1, 0, 0]),
    ts: Float64Array.from([1, 2, 3]),
    type: Uint8Array.from([0, 1, 0]),
  };
  const s = shardInput(1, Int32Array.from([1, 2]), all, { events });
  assert.deepEqual([...s.lines.lineCust], [0, 1, 0, 1]);
  assert.deepEqual([...s.lines.lineAmount], [2, 3, 5, 6]);
  assert.deepEqual([...s.extras.events!.cust], [1, 0]);
  assert.deepEqual([...s.extras.events!.type], [0, 0]);
  const ctx = { model: 'frequency' as const, nOffers: 2, asOf: 100, platt: null };
  const whole = frequencyScores({ ...all, nOffers: 2, asOf: 100 });
  assert.deepEqual([...scoreShard(ctx, s)], [...whole.subarray(2, 6)]);
});

test('Redis URLs: host, port, db and credentials; anything else is refused with the reason', () => {
  const c = redisConnection('redis://u:p%40ss@10.0.0.5:6380/2', true) as Record<string, unknown>;
  assert.deepEqual([c.host, c.port, c.db, c.username, c.password, c.maxRetriesPerRequest], ['10.0.0.5', 6380, 2, 'u', 'p@ss', null]);
  assert.throws(() => redisConnection('localhost:6379', true), /--redis: 'localhost:6379' must start with redis:\/\//);
  assert.throws(() => redisConnection('redis://h/x', true), /database 'x'/);
});

test('baseline in shards: the all-customer co-purchase and popularity make every shard row equal the whole-history row', () => {
  // 40 customers, 3 offers, 400 lines over a year, from a fixed LCG so the test is deterministic.
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const n = 400,
    DAY = 86_400_000;
  const lineTs = Float64Array.from({ length: n }, (_, i) => i * DAY).sort();
  const all = {
    nCustomers: 40,
    nOffers: 3,
    asOf: 420 * DAY,
    lineCust: Int32Array.from({ length: n }, () => Math.floor(rnd() * 40)),
    lineOffer: Int32Array.from({ length: n }, () => Math.floor(rnd() * 4) - 1),
    lineAmount: new Float64Array(n).fill(1),
    lineTs,
  };
  const whole = affinityScores(all);
  const ctx = { model: 'baseline' as const, nOffers: 3, asOf: all.asOf, platt: null, affinity: affinityAllCustomerParts(all) };
  const ids = Array.from({ length: 40 }, (_, c) => `c${c}`);
  let compared = 0;
  customersByShard(ids, 3).forEach((customers, k) => {
    const scores = scoreShard(ctx, shardInput(k, customers, all, {}));
    customers.forEach((c, r) => {
      assert.deepEqual([...scores.subarray(r * 3, r * 3 + 3)], [...whole.subarray(c * 3, c * 3 + 3)], `customer ${c}`);
      compared++;
    });
  });
  assert.equal(compared, 40);
});
