import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { getTor } from '../../src/store/torTable.ts';
import { typedJsonFromValue, valueFromTypedJson } from '../../src/domain/typedJson.ts';

/** 60 customers over 14 months; customer c prefers family (c mod 3) and buys every ~20–40 days. */
async function syntheticStore(): Promise<Store> {
  const s = await Store.open(':memory:');
  await s.run(`ALTER TABLE products ADD COLUMN family VARCHAR`);
  await s.run(`INSERT INTO products SELECT 'p' || i, 'P' || i, 1 + i % 5, 'f' || (i % 3) FROM range(12) t(i)`);
  await s.run(`INSERT INTO customers SELECT 'c' || i FROM range(60) t(i)`);
  // Deterministic pseudo-random histories from hashes: favourite family 80 % of the time.
  await s.run(`INSERT INTO order_lines
    SELECT 'o' || c || '-' || k, 'p' || ((CASE WHEN hash(c * 31 + k) % 10 < 8 THEN c % 3 ELSE hash(c + k) % 3 END) + 3 * (hash(c * 7 + k) % 4)),
      0, 'c' || c, 1, 2, 2, TIMESTAMP '2020-01-01' + to_days((k * (20 + c % 20))::INTEGER), 'purchase', NULL
    FROM range(60) a(c), range(25) b(k) WHERE k * (20 + c % 20) < 420`);
  return s;
}

test('typed JSON keeps typed arrays and non-finite numbers', () => {
  const v = { a: Float32Array.from([1.5, -2]), b: Int32Array.from([3]), c: [NaN, Infinity], d: 'x' };
  const back = valueFromTypedJson<typeof v>(typedJsonFromValue(v));
  assert.ok(back.a instanceof Float32Array);
  assert.deepEqual([...back.a], [1.5, -2]);
  assert.deepEqual([...back.b], [3]);
  assert.ok(Number.isNaN(back.c[0]) && back.c[1] === Infinity);
});

test('propensity TOR: calibrated scores, per-offer quality, model reused when data is unchanged', async () => {
  const s = await syntheticStore();
  await offersFromAttribute(s, 'family');
  const tor = await createTor(s, {
    name: 'p',
    offers: ['family=f0', 'family=f1', 'family=f2'],
    perCustomer: 2,
    model: 'propensity',
    asOf: '2021-01-15',
  });
  const stages: string[] = [];
  const first = await computeTor(s, tor.torId, (_, stage) => stages.push(stage));
  assert.equal(first.customers, 60);
  assert.ok(stages.some((x) => /trained in/.test(x)));
  const scores = await s.all<{ score: number }>(`SELECT score FROM tor_results WHERE tor_id = ?`, [tor.torId]);
  assert.ok(
    scores.every((r) => r.score >= 0 && r.score <= 1),
    'purchase objective on calibrated probabilities',
  );
  // Customers mostly rank their favourite family first.
  const top = await s.all<{ customer_id: string; offer_id: string }>(
    `SELECT customer_id, offer_id FROM tor_results WHERE tor_id = ? AND priority = 1`,
    [tor.torId],
  );
  const hits = top.filter((r) => r.offer_id === `family=f${Number(r.customer_id.slice(1)) % 3}`).length;
  assert.ok(hits >= 45, `favourite family first for ${hits}/60`);
  const t = await getTor(s, tor.torId);
  const q = t.quality as { meanAuc: number; offers: { offerId: string; auc: number | null }[] };
  assert.equal(q.offers.length, 3);
  assert.ok(q.meanAuc > 0.5 && q.meanAuc <= 1, `mean AUC ${q.meanAuc}`);

  const again: string[] = [];
  await computeTor(s, tor.torId, (_, stage) => again.push(stage));
  assert.ok(
    again.some((x) => /reusing the model/.test(x)),
    'recompute on unchanged data reuses the model',
  );
  await s.run(`INSERT INTO order_lines VALUES ('new', 'p0', 0, 'c1', 1, 2, 2, '2020-12-30 10:00', 'purchase', NULL)`);
  const third: string[] = [];
  await computeTor(s, tor.torId, (_, stage) => third.push(stage));
  assert.ok(
    third.some((x) => /trained in/.test(x)),
    'new data retrains',
  );
  s.close();
});

test('auto (the default) scores every model on the same backtest and keeps the best NDCG@K; scores are calibrated probabilities', async () => {
  const s = await syntheticStore();
  await offersFromAttribute(s, 'family');
  const tor = await createTor(s, { name: 'auto', offers: ['family=f0', 'family=f1', 'family=f2'], perCustomer: 2, objective: 'revenue' });
  assert.equal((await getTor(s, tor.torId)).settings.model, 'auto');
  await computeTor(s, tor.torId);
  const t = await getTor(s, tor.torId);
  const q = t.quality as { model: string; ndcg: number; k: number; candidates: { model: string; ndcg: number }[]; method: string };
  assert.deepEqual(q.candidates.map((c) => c.model).sort(), ['baseline', 'frequency', 'popularity', 'propensity']);
  const best = Math.max(...q.candidates.map((c) => c.ndcg));
  assert.equal(q.ndcg, best, 'auto keeps the best NDCG@K');
  assert.equal(q.candidates.find((c) => c.model === q.model)!.ndcg, best);
  assert.equal(q.k, 2);
  assert.match(q.method, /^auto → /);
  // the chosen model's figures are the same backtest as computing with it directly
  const direct = await createTor(s, {
    name: 'direct',
    offers: ['family=f0', 'family=f1', 'family=f2'],
    perCustomer: 2,
    model: q.model,
    objective: 'revenue',
  });
  await computeTor(s, direct.torId);
  assert.equal(((await getTor(s, direct.torId)).quality as { ndcg: number }).ndcg, q.ndcg);
  s.close();
});

test('a rule-based scorer is backtested and calibrated too: quality shown, probabilities in (0, 1) keep its order', async () => {
  const s = await syntheticStore();
  await offersFromAttribute(s, 'family');
  const tor = await createTor(s, {
    name: 'freq',
    offers: ['family=f0', 'family=f1', 'family=f2'],
    perCustomer: 1,
    model: 'frequency',
    objective: 'purchase',
  });
  await computeTor(s, tor.torId);
  const q = (await getTor(s, tor.torId)).quality as { ndcg: number; meanAuc: number; model: string };
  assert.equal(q.model, 'frequency');
  assert.ok(q.ndcg > 0.5 && q.meanAuc > 0.5, JSON.stringify(q));
  const scores = await s.all<{ score: number }>(`SELECT score FROM tor_results WHERE tor_id = ?`, [tor.torId]);
  assert.ok(
    scores.length > 0 && scores.every((r) => r.score > 0 && r.score < 1),
    'calibrated probabilities: ' +
      scores
        .slice(0, 5)
        .map((r) => r.score)
        .join(', '),
  );
  s.close();
});
