import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { editTor } from '../../src/tor/editTor.ts';
import { torOverview } from '../../src/tor/torOverview.ts';
import { getTor, deleteTor, listTors } from '../../src/store/torTable.ts';
import { offerRevenue } from '../../src/offers/offerRevenue.ts';
import { listOffers } from '../../src/store/offerTable.ts';
import { parseDateArg } from '../../src/snapshot/interactions.ts';

test('offers from-attribute makes one offer per value with id attribute=value', async () => {
  const s = await tinyRetailStore();
  const offers = await offersFromAttribute(s, 'family');
  assert.deepEqual(
    offers.map((o) => o.offerId),
    ['family=bags', 'family=candles', 'family=mugs'],
  );
  await assert.rejects(offersFromAttribute(s, 'colour'), /no attribute 'colour'/);
  s.close();
});

test('offer revenue respects the window [asOf − N days, asOf)', async () => {
  const s = await tinyRetailStore();
  await offersFromAttribute(s, 'family');
  const offers = await listOffers(s);
  const all = await offerRevenue(s, offers, parseDateArg('2021-03-02'), null);
  assert.deepEqual(
    all.map((r) => [r.offerId, r.revenue, r.buyers]),
    [
      ['family=bags', 10, 2],
      ['family=candles', 8, 1],
      ['family=mugs', 6, 2],
    ],
  );
  // 30 days before 2021-03-02 = from 2021-01-31: drops c1's January candle line.
  const w = await offerRevenue(s, offers, parseDateArg('2021-03-02'), 30);
  assert.equal(w.find((r) => r.offerId === 'family=candles')!.revenue, 4);
  s.close();
});

test('TOR lifecycle: create → compute → ready; edit → draft; ≤ 25 offers; delete', async () => {
  const s = await tinyRetailStore();
  await offersFromAttribute(s, 'family');
  await assert.rejects(
    createTor(s, { name: 'x', offers: Array.from({ length: 26 }, (_, i) => `o${i}`), perCustomer: 2 }),
    /at most 25 offers/,
  );
  await assert.rejects(createTor(s, { name: 'x', offers: ['family=candles'], perCustomer: 5 }), /1 to 4/);
  await assert.rejects(createTor(s, { name: 'x', offers: ['nope'], perCustomer: 1 }), /unknown offer id\(s\): nope/);
  const tor = await createTor(s, {
    name: 'spring',
    auto: { rule: 'top-revenue', count: 2, window: 'all' },
    perCustomer: 2,
    model: 'frequency',
  });
  assert.deepEqual(tor.offers, ['family=bags', 'family=candles']);
  assert.equal(tor.status, 'draft');
  const summary = await computeTor(s, tor.torId);
  assert.equal(summary.customers, 4);
  const ov = await torOverview(s, tor.torId);
  assert.equal(ov.tor.status, 'ready');
  // Every customer gets both offers; c1 (candles twice) gets candles first, c3 and c4 (bags) bags first.
  assert.deepEqual(
    ov.volumes.map((v) => [v.offerId, v.volumes]),
    [
      ['family=bags', [3, 1]],
      ['family=candles', [1, 3]],
    ],
  );
  const c1 = ov.sample.filter((r) => r.customerId === 'c1');
  assert.deepEqual(
    c1.map((r) => r.offerId),
    ['family=candles', 'family=bags'],
  );
  assert.match(c1[0].reason!, /bought 2× in candles, last \d+ days ago/);
  await editTor(s, tor.torId, { name: 'renamed' });
  assert.equal((await getTor(s, tor.torId)).status, 'ready', 'a rename keeps the status');
  await editTor(s, tor.torId, { perCustomer: 1 });
  assert.equal((await getTor(s, tor.torId)).status, 'draft', 'a settings change makes results stale');
  const stale = await torOverview(s, tor.torId);
  assert.deepEqual(
    stale.volumes.map((v) => [v.name, v.volumes]),
    [
      ['bags', [3, 1]],
      ['candles', [1, 3]],
    ],
    'stale volumes still add up',
  );
  await computeTor(s, tor.torId);
  assert.equal(
    (await torOverview(s, tor.torId)).volumes.reduce((a, v) => a + v.total, 0),
    4,
  );
  await deleteTor(s, tor.torId);
  assert.equal((await listTors(s)).length, 0);
  assert.equal(Number((await s.one<{ n: bigint }>(`SELECT count(*) n FROM tor_results`))!.n), 0);
  s.close();
});

test('a failed compute sets Error with the message and keeps the last good result', async () => {
  const s = await tinyRetailStore();
  await offersFromAttribute(s, 'family');
  const tor = await createTor(s, { name: 't', offers: ['family=mugs', 'family=bags'], perCustomer: 1, model: 'frequency' });
  await computeTor(s, tor.torId);
  const before = await s.all(`SELECT * FROM tor_results ORDER BY customer_id`);
  await editTor(s, tor.torId, { asOf: '2000-01-01' }); // no history before then
  await assert.rejects(computeTor(s, tor.torId), /no customer has purchases before 2000-01-01/);
  const t = await getTor(s, tor.torId);
  assert.equal(t.status, 'error');
  assert.match(t.error!, /no customer has purchases/);
  assert.deepEqual(await s.all(`SELECT * FROM tor_results ORDER BY customer_id`), before);
  s.close();
});

test('as-of date: only lines strictly before it are used', async () => {
  const s = await tinyRetailStore();
  await offersFromAttribute(s, 'family');
  const tor = await createTor(s, {
    name: 't',
    offers: ['family=bags', 'family=mugs'],
    perCustomer: 1,
    asOf: '2021-03-01',
    model: 'frequency',
  });
  const sum = await computeTor(s, tor.torId);
  assert.equal(sum.customers, 3, 'c4 only buys on 2021-03-01 10:00, which is not before the as-of date');
  s.close();
});

test('a second compute of the same TOR while one runs is refused', async () => {
  const s = await tinyRetailStore();
  await offersFromAttribute(s, 'family');
  const tor = await createTor(s, { name: 't', offers: ['family=mugs'], perCustomer: 1, model: 'frequency' });
  const first = computeTor(s, tor.torId);
  await assert.rejects(computeTor(s, tor.torId), /already computing/);
  await first;
  s.close();
});

test('a lower hierarchy level names its ancestors; search; auto-selection by insights rules', async () => {
  const { offersMatching } = await import('../../src/offers/offersMatching.ts');
  const { setMeta } = await import('../../src/store/meta.ts');
  const s = await tinyRetailStore();
  await setMeta(s, 'hierarchy', ['department', 'family']);
  const offers = await offersFromAttribute(s, 'family');
  assert.deepEqual(
    offers.map((o) => o.name),
    ['fashion > bags', 'home > candles', 'kitchen > mugs'],
  );
  assert.deepEqual(
    offersMatching(offers, 'HOME').map((o) => o.offerId),
    ['family=candles'],
  );
  assert.deepEqual(offersMatching(offers, undefined, 'department'), []);
  // top-aov over the last 30 days before 2021-03-02: bags (one 5.00 order on 03-01) beats mugs (3.00) and candles (4.00).
  const tor = await createTor(s, {
    name: 'aov',
    auto: { rule: 'top-aov', count: 1, window: '30d' },
    perCustomer: 1,
    asOf: '2021-03-02',
    model: 'frequency',
  });
  assert.deepEqual(tor.offers, ['family=bags']);
  await assert.rejects(createTor(s, { name: 'x', auto: { rule: 'top-niche', count: 1, window: 'all' }, perCustomer: 1 }), /30-day windows/);
  s.close();
});

test('auto-selection skips offers not valid on the send date', async () => {
  const s = await tinyRetailStore();
  await offersFromAttribute(s, 'family');
  await s.run(`UPDATE offers SET valid_to = '2021-02-01' WHERE offer_id = 'family=bags'`);
  const tor = await createTor(s, { name: 'v', auto: { rule: 'top-revenue', count: 3, window: 'all' }, perCustomer: 1, asOf: '2021-03-02' });
  assert.deepEqual(tor.offers, ['family=candles', 'family=mugs']);
  s.close();
});
