// --objective uplift: a past campaign with a control group, where only frequent buyers respond to the
// offer (everyone else buys as often either way), teaches the uplift model whom the offer changes;
// the next TOR then targets them, not the customers who buy anyway.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { experimentStore } from '../helpers/experimentStore.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { exportTor } from '../../src/tor/exportTor.ts';
import { getTor } from '../../src/store/torTable.ts';

test('objective uplift learns from a past control group and targets the customers the offer changes', async () => {
  const s = await experimentStore(3000);
  await offersFromAttribute(s, 'family');
  const offers = ['family=bags', 'family=mugs'];
  const early = await createTor(s, { name: 'early', offers, perCustomer: 1, model: 'frequency', asOf: '2021-03-01' });
  await assert.rejects(
    createTor(s, { name: 'u', offers, perCustomer: 1, asOf: '2021-06-01', objective: 'uplift' }).then((t) => computeTor(s, t.torId)),
    /objective uplift learns from past contacts .* found 0 treated and 0 control/,
  );
  const { torId } = await createTor(s, {
    name: 'test',
    offers,
    perCustomer: 1,
    model: 'frequency',
    asOf: '2021-03-01',
    extra: { control: { pct: 50, seed: '1', stratify: 'none', experiment: null } },
  });
  void early;
  await computeTor(s, torId);
  const dir = await mkdtemp(join(tmpdir(), 'nb-upl-'));
  await exportTor(s, torId, { layout: 'long', format: 'csv', target: { kind: 'local', path: join(dir, 'a.csv') } });
  // Planted response within 14 days: base 15 % for everyone; +50 points for treated customers with 4+ orders before the send.
  await s.run(
    `CREATE TEMP TABLE resp AS
    SELECT c.customer_id, c.offer_id, c."group",
      (SELECT count(DISTINCT order_id) FROM order_lines l WHERE l.customer_id = c.customer_id AND l.ts < TIMESTAMP '2021-03-01') AS orders
    FROM contacts c WHERE c.campaign_id = ?`,
    [torId],
  );
  await s.run(`INSERT INTO order_lines
    SELECT 'resp-' || r.customer_id, min(p.product_id), 0, r.customer_id, 1, 5, 5, TIMESTAMP '2021-03-06', 'purchase', NULL
    FROM resp r JOIN offers o ON o.offer_id = r.offer_id JOIN products p ON p.family = o.scope_value
    WHERE md5_number_lower('r' || r.customer_id)::DOUBLE / 18446744073709551616.0
          < 0.15 + CASE WHEN r."group" = 'treatment' AND r.orders >= 4 THEN 0.5 ELSE 0 END
    GROUP BY r.customer_id`);
  const next = await createTor(s, { name: 'next', offers, perCustomer: 1, asOf: '2021-06-01', objective: 'uplift' });
  const sum = await computeTor(s, next.torId);
  const q = (await getTor(s, next.torId)).quality as { method: string; qini: number; treated: number; control: number };
  assert.equal(q.method, 'uplift');
  assert.ok(q.treated > 1000 && q.control > 1000, JSON.stringify(q));
  assert.ok(q.qini > 0.1, `Qini ${q.qini}`);
  // Assigned customers are those with 4+ orders (the responsive); the others are left out (uplift ≤ 0 or lowest).
  const share = await s.one<{ responsive: number; rest: number }>(
    `WITH o AS (SELECT customer_id, count(DISTINCT order_id) AS n FROM order_lines WHERE ts < TIMESTAMP '2021-06-01' AND order_id NOT LIKE 'resp-%' GROUP BY ALL),
       a AS (SELECT DISTINCT customer_id FROM tor_results WHERE tor_id = ?)
     SELECT avg(CASE WHEN a.customer_id IS NOT NULL THEN 1 ELSE 0 END) FILTER (WHERE o.n >= 4) AS responsive,
            avg(CASE WHEN a.customer_id IS NOT NULL THEN 1 ELSE 0 END) FILTER (WHERE o.n < 4) AS rest
     FROM o LEFT JOIN a USING (customer_id)`,
    [next.torId],
  );
  assert.ok(share!.responsive > share!.rest + 0.3, JSON.stringify(share));
  assert.ok(sum.assignments > 0);
});
