// One offer created or edited with its level, and the reach of each offer and level.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { InputError } from '../../src/domain/errors.ts';
import { customerIdsFromFile } from '../../src/offers/customerIdsFromFile.ts';
import { offerReach } from '../../src/offers/offerReach.ts';
import { saveOffer } from '../../src/offers/saveOffer.ts';
import { parseDateArg } from '../../src/snapshot/interactions.ts';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';

const dir = mkdtempSync(join(tmpdir(), 'nb-offers-'));

test('create and edit one offer per level; bad levels, scopes and customer files are refused with the field', async () => {
  const s = await tinyRetailStore();
  await s.run(`ALTER TABLE customers ADD COLUMN is_member BOOLEAN`);
  await s.run(`UPDATE customers SET is_member = customer_id IN ('c1', 'c2')`);
  const a = await saveOffer(s, { offerId: 'all-c', name: 'Candles', scope: 'family=candles', mechanism: 'percent_off', value: 10 });
  assert.deepEqual([a.created, a.offer.level, a.offer.scope], [true, 'all', { kind: 'attribute', attribute: 'family', value: 'candles' }]);
  await saveOffer(s, { offerId: 'mem', name: 'Mugs for members', products: ['p2'], level: 'members' });
  await saveOffer(s, { offerId: 'aud', name: 'Frequent', scope: 'family=bags', level: 'audience', audience: 'frequency >= 2' });
  const vipFile = join(dir, 'vip.csv');
  writeFileSync(vipFile, 'customer_id\nc3\n\nc4\n');
  const ind = await saveOffer(s, {
    offerId: 'ind',
    name: 'VIP',
    scope: 'family=bags',
    level: 'individual',
    customers: { ...customerIdsFromFile(vipFile), file: 'vip.csv' },
  });
  assert.deepEqual(ind.offer.customerIds, ['c3', 'c4']);
  // An edit keeps what it does not change.
  const e = await saveOffer(s, { offerId: 'all-c', value: 15 });
  assert.deepEqual([e.created, e.offer.name, e.offer.value, e.offer.mechanism], [false, 'Candles', 15, 'percent_off']);

  const x = { offerId: 'x', name: 'X', scope: 'family=candles' };
  await assert.rejects(saveOffer(s, { ...x, level: 'audience' }), /audience: level audience needs/);
  await assert.rejects(saveOffer(s, { ...x, level: 'audience', audience: 'nosuch > 1' }), /nosuch/);
  await assert.rejects(saveOffer(s, { ...x, level: 'individual' }), /customers: level individual needs/);
  await assert.rejects(saveOffer(s, { offerId: 'x', name: 'X', scope: 'colour=red' }), /scope: products have no attribute 'colour'/);
  await assert.rejects(saveOffer(s, { offerId: 'x', scope: 'family=candles' }), /name: a new offer needs a name/);
  await assert.rejects(
    saveOffer(s, { offerId: 'x', name: 'X', scope: 'family=candles', audience: 'frequency > 1' }),
    /audience: only level audience takes an audience expression \(level is all\)/,
  );
  const badFile = join(dir, 'bad.csv');
  writeFileSync(badFile, 'c1\nghost\nc2\nnobody\n');
  const err = await saveOffer(s, {
    offerId: 'x',
    name: 'X',
    scope: 'family=bags',
    level: 'individual',
    customers: { ...customerIdsFromFile(badFile), file: 'bad.csv' },
  }).catch((x: unknown) => x);
  assert.ok(err instanceof InputError);
  assert.match(
    err.message,
    /bad\.csv:2: column customer_id: unknown customer 'ghost'\nbad\.csv:4: column customer_id: unknown customer 'nobody'/,
  );
  assert.equal((await s.all(`SELECT 1 FROM offers WHERE offer_id = 'x'`)).length, 0);
  s.close();
});

test('reach per offer and per level, as of a date', async () => {
  const s = await tinyRetailStore();
  await s.run(`ALTER TABLE customers ADD COLUMN is_member BOOLEAN`);
  await s.run(`UPDATE customers SET is_member = customer_id IN ('c1', 'c4')`);
  await saveOffer(s, { offerId: 'all', name: 'All', scope: 'family=candles' });
  await saveOffer(s, { offerId: 'mem', name: 'Members', scope: 'family=mugs', level: 'members' });
  await saveOffer(s, { offerId: 'aud', name: 'Frequent', scope: 'family=bags', level: 'audience', audience: 'frequency >= 2' });
  await saveOffer(s, {
    offerId: 'ind1',
    name: 'VIP',
    scope: 'family=bags',
    level: 'individual',
    customers: { ids: ['c2', 'c4'], lines: [1, 2] },
  });
  await saveOffer(s, {
    offerId: 'ind2',
    name: 'VIP old',
    scope: 'family=bags',
    level: 'individual',
    customers: { ids: ['c3'], lines: [1] },
    validTo: parseDateArg('2021-01-31'),
  });
  // As of 2021-02-10, c4 (first purchase in March) has no history yet: 3 addressable customers.
  const r = await offerReach(s, parseDateArg('2021-02-10'));
  assert.equal(r.addressable, 3);
  assert.deepEqual(
    r.offers.map((o) => [o.offerId, o.active, o.reach]),
    [
      ['all', true, 3],
      ['aud', true, 1],
      ['ind1', true, 1],
      ['ind2', false, 1],
      ['mem', true, 1],
    ],
  );
  assert.deepEqual(
    r.levels.map((l) => [l.level, l.offers, l.activeOffers, l.reach]),
    [
      ['all', 1, 1, 3],
      ['members', 1, 1, 1],
      ['audience', 1, 1, 1],
      ['individual', 2, 1, 1],
    ],
  );
  const later = await offerReach(s, parseDateArg('2021-04-01'));
  assert.equal(later.addressable, 4);
  assert.deepEqual(later.offers.find((o) => o.offerId === 'ind1')!.reach, 2);
  s.close();
});
