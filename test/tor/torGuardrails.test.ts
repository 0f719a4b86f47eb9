import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { countAudience } from '../../src/tor/audienceForTor.ts';
import { parseDateArg } from '../../src/snapshot/interactions.ts';
import type { Store } from '../../src/store/store.ts';

async function results(s: Store, torId: string) {
  return (
    await s.all<{ customer_id: string; priority: number; offer_id: string }>(
      `SELECT customer_id, priority, offer_id FROM tor_results WHERE tor_id = ? ORDER BY customer_id, priority`,
      [torId],
    )
  ).map((r) => `${r.customer_id}:${r.priority}:${r.offer_id}`);
}

test('audience filter: N included of M addressable, and only included customers are assigned', async () => {
  const s = await tinyRetailStore();
  await s.run(`ALTER TABLE customers ADD COLUMN country VARCHAR`);
  await s.run(`UPDATE customers SET country = CASE WHEN customer_id IN ('c1', 'c3') THEN 'France' ELSE 'UK' END`);
  await offersFromAttribute(s, 'family');
  const asOf = parseDateArg('2021-03-02');
  assert.deepEqual(await countAudience(s, `country = 'France'`, asOf), { included: 2, addressable: 4 });
  // c1: 3 orders (frequency 3); the others 1 each.
  assert.deepEqual(await countAudience(s, `frequency >= 2 or country = 'UK'`, asOf), { included: 3, addressable: 4 });
  await assert.rejects(countAudience(s, `contry = 'France'`, asOf), /unknown field 'contry'/);
  const tor = await createTor(s, {
    name: 't',
    offers: ['family=bags', 'family=mugs'],
    perCustomer: 1,
    audience: `country = 'France'`,
    model: 'frequency',
  });
  const sum = await computeTor(s, tor.torId);
  assert.equal(sum.addressable, 4);
  assert.equal(sum.customers, 2);
  assert.deepEqual(
    (await results(s, tor.torId)).map((r) => r.split(':')[0]),
    ['c1', 'c3'],
  );
  await assert.rejects(createTor(s, { name: 'bad', offers: ['family=bags'], perCustomer: 1, audience: `country = ` }), /audience/);
  s.close();
});

test('volume limits are solved globally: a capped offer goes to the customers who value it most', async () => {
  const s = await tinyRetailStore();
  await offersFromAttribute(s, 'family');
  // Without limits both bags buyers (c3, c4) get bags first; with max 1, exactly one keeps it.
  const free = await createTor(s, { name: 'free', offers: ['family=bags', 'family=candles'], perCustomer: 1, model: 'frequency' });
  await computeTor(s, free.torId);
  assert.equal((await results(s, free.torId)).filter((r) => r.endsWith('family=bags')).length, 3);
  const capped = await createTor(s, {
    name: 'capped',
    offers: ['family=bags', 'family=candles'],
    perCustomer: 1,
    model: 'frequency',
    extra: { limits: { max: { 'family=bags': 1 } } },
  });
  const sum = await computeTor(s, capped.torId);
  const r = await results(s, capped.torId);
  assert.equal(r.filter((x) => x.endsWith('family=bags')).length, 1);
  assert.ok(sum.lost >= 0 && sum.objective <= sum.unconstrained);
  await assert.rejects(
    createTor(s, { name: 'x', offers: ['family=bags'], perCustomer: 1, extra: { limits: { max: { 'family=mugs': 1 } } } }),
    /not in this TOR/,
  );
  s.close();
});

test('guardrails: recently contacted and redeemed offers are suppressed; exclusions and acquisition apply', async () => {
  const s = await tinyRetailStore();
  await offersFromAttribute(s, 'family');
  // c1 was sent candles 10 days before the send date; c3 redeemed bags.
  await s.run(
    `INSERT INTO contacts (customer_id, offer_id, sent_at, channel, "group", line_no) VALUES ('c1', 'family=candles', '2021-02-20 09:00', 'email', 'treatment', 0)`,
  );
  await s.run(`INSERT INTO responses VALUES ('c3', 'family=bags', '2021-02-10 12:00', 5, 0)`);
  const tor = await createTor(s, {
    name: 'g',
    offers: ['family=candles', 'family=bags', 'family=mugs'],
    perCustomer: 1,
    model: 'frequency',
    asOf: '2021-03-02',
    extra: { excludeCustomers: ['c4'], guardrails: { suppressionDays: 30 } },
  });
  const sum = await computeTor(s, tor.torId);
  const r = await results(s, tor.torId);
  assert.ok(!r.includes('c1:1:family=candles'), 'c1 was contacted with candles 10 days ago');
  assert.ok(!r.some((x) => x.startsWith('c3:') && x.endsWith('family=bags')), 'c3 already redeemed bags');
  assert.ok(!r.some((x) => x.startsWith('c4:')), 'c4 is excluded');
  assert.equal(sum.excluded.suppressed, 1);
  assert.equal(sum.excluded.redeemed, 1);
  assert.equal(sum.excluded.excludedCustomer, 3);

  const acq = await createTor(s, {
    name: 'acq',
    offers: ['family=candles', 'family=bags'],
    perCustomer: 2,
    model: 'frequency',
    objective: 'acquisition',
  });
  await computeTor(s, acq.torId);
  const a = await results(s, acq.torId);
  assert.ok(!a.some((x) => x.startsWith('c1:') && x.endsWith('family=candles')), 'acquisition: c1 already bought candles');
  assert.ok(a.includes('c2:1:family=bags') || a.includes('c2:2:family=bags'), 'acquisition: c2 never bought bags');
  s.close();
});

test('the margin objective needs offer costs, checked when the TOR is defined', async () => {
  const s = await tinyRetailStore();
  await offersFromAttribute(s, 'family');
  await assert.rejects(
    createTor(s, { name: 'm', offers: ['family=bags', 'family=mugs'], perCustomer: 1, objective: 'margin' }),
    /missing for: family=bags, family=mugs/,
  );
  await s.run(`UPDATE offers SET cost = 0.6`);
  const tor = await createTor(s, {
    name: 'm',
    offers: ['family=bags', 'family=mugs'],
    perCustomer: 1,
    objective: 'margin',
    model: 'frequency',
  });
  const sum = await computeTor(s, tor.torId);
  assert.ok(sum.objective > 0);
  s.close();
});
