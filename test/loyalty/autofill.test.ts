// Auto-fill: previous month's purchases first, then recommendations; only eligible products; member
// picks kept; earlier auto-fills refreshed; a re-run writes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autofillFavourites } from '../../src/loyalty/autofillFavourites.ts';
import { cellHistory, currentCells } from '../../src/loyalty/favouriteCells.ts';
import { setLoyaltySettings } from '../../src/loyalty/loyaltySettings.ts';
import { pickFavourite } from '../../src/loyalty/pickFavourite.ts';
import { parseDateArg } from '../../src/snapshot/interactions.ts';
import { memberStore } from './memberStore.ts';

const d = parseDateArg;

async function store() {
  const s = await memberStore();
  await s.run(`INSERT INTO favourite_eligible VALUES ('p1', NULL, NULL), ('p2', NULL, NULL), ('p3', NULL, NULL), ('p4', NULL, NULL)`);
  // As `recommend --table` writes it; p5 is not eligible and is skipped.
  await s.run(`CREATE TABLE product_recommendations AS SELECT * FROM (VALUES
    ('c2', 'p1', 1), ('c2', 'p2', 2), ('c4', 'p5', 1), ('c4', 'p1', 2), ('c4', 'p4', 3)) t(user_unique_id, recommended_item_id, ranking)`);
  await setLoyaltySettings(s, { cells: 2 });
  return s;
}
const cells = async (s: Awaited<ReturnType<typeof store>>, at: string) => {
  const out: Record<string, (string | null)[]> = {};
  for (const c of await currentCells(s, null, d(at))) (out[c.customerId] ??= [])[c.cell - 1] = c.productId;
  return out;
};

test("fills from last month's purchases, then recommendations, eligible products only", async () => {
  const s = await store();
  // As of 2021-03-10 the previous month is February 2021 (c4's March purchase does not count).
  const r = await autofillFavourites(s, d('2021-03-10'), 'batch');
  assert.deepEqual({ p: r.fromPurchases, r: r.fromRecommendations, e: r.stillEmpty, m: r.members }, { p: 4, r: 3, e: 1, m: 4 });
  assert.equal(r.month.from.toISOString().slice(0, 10), '2021-02-01');
  assert.deepEqual(await cells(s, '2021-03-10'), {
    c1: ['p2', 'p4'], // equal units: the latest purchase first
    c2: ['p2', 'p1'], // bought p2; then the top recommendation not already there
    c3: ['p3'], // p5 is not eligible and there are no recommendations: one cell stays empty
    c4: ['p1', 'p4'], // no purchases in February: recommendations, skipping ineligible p5
  });
  assert.deepEqual(await cells(s, '2021-03-09'), {}); // effective from the as-of date only
  assert.ok((await cellHistory(s, 'c1')).every((c) => c.source === 'auto' && c.setBy === 'batch'));
  // A second run at the same date changes nothing.
  const again = await autofillFavourites(s, d('2021-03-10'), 'batch');
  assert.deepEqual([again.fromPurchases, again.fromRecommendations, again.stillEmpty], [0, 0, 1]);
  assert.equal((await s.one<{ n: bigint }>(`SELECT count(*) AS n FROM favourite_cells`))!.n, 7n);
  s.close();
});

test('member picks are kept, earlier auto-fills are refreshed, and auto-fill can be off', async () => {
  const s = await store();
  await s.run(`INSERT INTO favourite_cells VALUES ('c1', 1, 'p3', '2021-02-15', 'app', '2021-02-15', 'member'),
    ('c4', 1, 'p2', '2021-02-15', 'batch', '2021-02-15', 'auto')`);
  await autofillFavourites(s, d('2021-03-01'), 'batch');
  const now = await cells(s, '2021-03-01');
  assert.deepEqual(now.c1, ['p3', 'p2']); // the member's p3 stays; the empty cell gets the top purchase
  assert.deepEqual(now.c4, ['p1', 'p4']); // the older auto-fill p2 was replaced by the recommendations
  await setLoyaltySettings(s, { autofill: false });
  await assert.rejects(autofillFavourites(s, d('2021-04-01'), 'batch'), /auto-fill is off for this programme/);
  // Auto-filled cells are not locked for the member.
  await pickFavourite(s, { customerId: 'c4', cell: 1, productId: 'p3', from: d('2030-01-01'), by: 'member', actor: 'app' });
  s.close();
});
