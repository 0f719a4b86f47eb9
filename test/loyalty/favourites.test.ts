// Favourite cells: refusals with reasons, effective dates and history, staff audit, member lock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listAudit } from '../../src/access/audit.ts';
import { cellHistory, currentCells } from '../../src/loyalty/favouriteCells.ts';
import { setLoyaltySettings, getLoyaltySettings } from '../../src/loyalty/loyaltySettings.ts';
import { pickFavourite } from '../../src/loyalty/pickFavourite.ts';
import { parseDateArg } from '../../src/snapshot/interactions.ts';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';
import { memberStore } from './memberStore.ts';

const d = parseDateArg;

async function store() {
  const s = await memberStore();
  // p1..p3 eligible through 2030; p4 only from 2030-06-01; p5 never.
  await s.run(`INSERT INTO favourite_eligible VALUES ('p1', NULL, '2030-12-31'), ('p2', NULL, NULL), ('p3', '2029-01-01', NULL),
    ('p4', '2030-06-01', NULL)`);
  await setLoyaltySettings(s, { cells: 2, lockDays: 30 });
  return s;
}
const member = (customerId: string, cell: number, productId: string | null, from: string) => ({
  customerId,
  cell,
  productId,
  from: d(from),
  by: 'member' as const,
  actor: 'app',
});

test('settings: defaults, partial changes and bounds', async () => {
  const s = await tinyRetailStore();
  assert.deepEqual(await getLoyaltySettings(s), { cells: 3, autofill: true, lockDays: 30 });
  assert.deepEqual(await setLoyaltySettings(s, { autofill: false }), { cells: 3, autofill: false, lockDays: 30 });
  await assert.rejects(setLoyaltySettings(s, { cells: 0 }), /cells must be a whole number from 1 to 50, got 0/);
  s.close();
});

test('refusals name the field and the reason, and store nothing', async () => {
  const s = await store();
  await assert.rejects(
    pickFavourite(s, member('c1', 3, 'p1', '2030-01-01')),
    /cell: 3 is beyond the 2 cells of the programme \(use 1 to 2\)/,
  );
  await assert.rejects(
    pickFavourite(s, member('c1', 1, 'p5', '2030-01-01')),
    /product: p5 is not eligible as a favourite on 2030-01-01 \(not on the eligible list for that date\)/,
  );
  await assert.rejects(pickFavourite(s, member('c1', 1, 'p4', '2030-05-31')), /p4 is not eligible as a favourite on 2030-05-31/);
  await assert.rejects(pickFavourite(s, member('c1', 1, 'nope', '2030-01-01')), /product: no product nope/);
  await assert.rejects(pickFavourite(s, member('zz', 1, 'p1', '2030-01-01')), /no customer zz/);
  await assert.rejects(
    pickFavourite(s, member('c1', 1, 'p1', '2020-01-01')),
    /from: a member's change takes effect today or later, not 2020-01-01/,
  );
  assert.equal((await cellHistory(s, 'c1')).length, 0);
  await pickFavourite(s, member('c1', 1, 'p1', '2030-01-01'));
  await assert.rejects(pickFavourite(s, member('c1', 2, 'p1', '2030-01-05')), /product: p1 is already in cell 1 on 2030-01-05/);
  s.close();
});

test('non-members are refused, and without stored membership nobody is a member', async () => {
  const s = await store();
  await s.run(`UPDATE customers SET is_member = customer_id <> 'c2'`);
  await assert.rejects(
    pickFavourite(s, member('c2', 1, 'p1', '2030-01-01')),
    /customer c2 is not a loyalty member \(customers.is_member is not true\)/,
  );
  await pickFavourite(s, member('c1', 1, 'p1', '2030-01-01'));
  s.close();
  const bare = await tinyRetailStore();
  await bare.run(`INSERT INTO favourite_eligible VALUES ('p1', NULL, NULL)`);
  await assert.rejects(
    pickFavourite(bare, member('c1', 1, 'p1', '2030-01-01')),
    /customer c1 is not a loyalty member \(no customer is: import customers with an is_member column\)/,
  );
  bare.close();
});

test('changes take effect from their date and the history is kept', async () => {
  const s = await store();
  await pickFavourite(s, member('c1', 1, 'p1', '2030-01-01'));
  await pickFavourite(s, member('c1', 2, 'p2', '2030-01-01'));
  // The member's own pick locks the cell for 30 days; a change dated after the lock is accepted.
  await assert.rejects(
    pickFavourite(s, member('c1', 1, 'p3', '2030-01-20')),
    /cell: 1 was picked by the member from 2030-01-01 and is locked until 2030-01-31 \(30 days\)/,
  );
  await pickFavourite(s, member('c1', 1, 'p3', '2030-02-01'));
  await pickFavourite(s, member('c1', 2, null, '2030-03-05'));
  const at = async (day: string) => (await currentCells(s, 'c1', d(day))).map((c) => [c.cell, c.productId]);
  assert.deepEqual(await at('2029-12-31'), []);
  assert.deepEqual(await at('2030-01-15'), [
    [1, 'p1'],
    [2, 'p2'],
  ]);
  assert.deepEqual(await at('2030-02-01'), [
    [1, 'p3'],
    [2, 'p2'],
  ]);
  assert.deepEqual(await at('2030-03-06'), [
    [1, 'p3'],
    [2, null],
  ]);
  const h = await cellHistory(s, 'c1');
  assert.deepEqual(
    h.map((c) => [c.cell, c.productId, c.source]),
    [
      [2, null, 'member'],
      [1, 'p3', 'member'],
      [2, 'p2', 'member'],
      [1, 'p1', 'member'],
    ],
  );
  s.close();
});

test('a staff edit ignores the member lock, may be backdated, and is audited with before and after', async () => {
  const s = await store();
  await pickFavourite(s, member('c1', 1, 'p1', '2030-01-01'));
  const r = await pickFavourite(s, { customerId: 'c1', cell: 1, productId: 'p2', from: d('2030-01-10'), by: 'staff', actor: 'maria' });
  assert.equal(r.source, 'staff');
  assert.equal((await currentCells(s, 'c1', d('2030-01-10')))[0].productId, 'p2');
  const [entry] = await listAudit(s, { limit: 5, action: 'loyalty.favourites' });
  assert.equal(entry.actor, 'maria');
  assert.equal(entry.target, 'c1/1');
  assert.equal(entry.detail, 'cell 1: p1 → p2 from 2030-01-10 00:00');
  // A staff refusal is not audited as a change and stores nothing.
  await assert.rejects(
    pickFavourite(s, { customerId: 'c1', cell: 1, productId: 'p5', from: d('2030-01-11'), by: 'staff', actor: 'maria' }),
    /p5 is not eligible/,
  );
  assert.equal((await listAudit(s, { limit: 5, action: 'loyalty.favourites' })).length, 1);
  s.close();
});
