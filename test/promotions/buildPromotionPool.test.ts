import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorld } from '../../src/generate/generateWorld.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { Store } from '../../src/store/store.ts';
import { poolFromSales, type ProductSales } from '../../src/promotions/poolSelection.ts';
import { buildPromotionPool, type PoolBuildOptions } from '../../src/promotions/buildPromotionPool.ts';
import { listPromotions } from '../../src/promotions/promotionTable.ts';
import { computePromotionLists } from '../../src/promotions/computePromotionLists.ts';

const W = 1000; // window start (epoch ms) in the pure examples
const sale = (
  productId: string,
  category: string,
  revenue: number,
  previousRevenue: number,
  firstSale: number,
  flaggedPhaseOut = false,
): ProductSales => ({ productId, category, revenue, previousRevenue, firstSale, flaggedPhaseOut });

test('each rule picks what it says, a product once, at most M per category', () => {
  const sales = [
    sale('a', 'x', 100, 90, 0),
    sale('b', 'x', 80, 10, 0),
    sale('c', 'y', 70, 0, 1500),
    sale('d', 'y', 5, 50, 0),
    sale('e', 'z', 60, 20, 0),
    sale('f', 'z', 1, 1, 0, true),
    sale('g', 'y', 40, 0, 1200),
    sale('h', 'x', 0, 0, NaN),
  ];
  // Best sellers by revenue: a, b, c, e, g … trending (sold before W, rising): b ×7.4, e ×2.9, a ×1.1.
  assert.deepEqual(
    poolFromSales(sales, { 'best-sellers': 2 }, W, null).map((p) => p.productId),
    ['a', 'b'],
  );
  assert.deepEqual(
    poolFromSales(sales, { trending: 3 }, W, null).map((p) => p.productId),
    ['b', 'e', 'a'],
  );
  assert.deepEqual(
    poolFromSales(sales, { new: 5 }, W, null).map((p) => p.productId),
    ['c', 'g'],
  );
  // Phase-out: the flagged f first, then the steepest decline d (5 / 50).
  assert.deepEqual(
    poolFromSales(sales, { 'phase-out': 5 }, W, null).map((p) => p.productId),
    ['f', 'd'],
  );
  // Together: rules in order, a product once; with one per category the pool spreads over x, y, z.
  const all = poolFromSales(sales, { 'best-sellers': 2, trending: 2, new: 1, 'phase-out': 1 }, W, null);
  assert.deepEqual(
    all.map((p) => `${p.rule}:${p.productId}`),
    ['best-sellers:a', 'best-sellers:b', 'trending:e', 'new:c', 'phase-out:f'],
  );
  const spread = poolFromSales(sales, { 'best-sellers': 5 }, W, 1);
  assert.deepEqual(
    spread.map((p) => `${p.productId}:${p.category}`),
    ['a:x', 'c:y', 'e:z'],
  );
});

test('on a generated world: builders over categories, stored in one go, then computed', { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nb-promo-world-'));
  const s = await Store.open(':memory:');
  try {
    await generateWorld({ customers: 150, products: 80, months: 8, seed: 5, start: '2023-01-01', out: dir });
    for (const t of ['customers', 'products', 'order_lines']) await importFile(s, { table: t, file: join(dir, `${t}.csv`) });
    const opts: PoolBuildOptions = {
      counts: { 'best-sellers': 12, trending: 6, new: 4, 'phase-out': 6 },
      perCategory: 3,
      categoryAttribute: null,
      window: '60d',
      asOf: null,
      mechanism: 'percent_off',
      value: 15,
      validFrom: null,
      validTo: null,
      channel: 'email',
      cost: 0.55,
      stock: null,
      budget: 200,
      dryRun: true,
    };
    const dry = await buildPromotionPool(s, opts);
    assert.equal(dry.categoryAttribute, 'category');
    assert.equal((await listPromotions(s)).length, 0, 'a dry run stores nothing');
    const built = await buildPromotionPool(s, { ...opts, dryRun: false });
    assert.deepEqual(built.promotions, dry.promotions);
    const picks = built.promotions;
    assert.ok(picks.length >= 20, `${picks.length} promotions`);
    assert.equal(new Set(picks.map((p) => p.productId)).size, picks.length, 'a product once');
    const perCat = new Map<string, number>();
    for (const p of picks) perCat.set(p.category!, (perCat.get(p.category!) ?? 0) + 1);
    assert.ok([...perCat.values()].every((n) => n <= 3) && perCat.size >= 7, JSON.stringify([...perCat]));
    // The first best seller is the product with the most revenue in the 60 days before the as-of date.
    const asOf = built.asOf.slice(0, 19).replace('T', ' ');
    const top = await s.one<{ product_id: string }>(
      `SELECT product_id FROM order_lines
      WHERE ts >= ?::TIMESTAMP - INTERVAL 60 DAY AND ts < ?::TIMESTAMP
      GROUP BY product_id ORDER BY sum(amount) DESC, product_id LIMIT 1`,
      [asOf, asOf],
    );
    assert.equal(picks[0].productId, top!.product_id);
    assert.equal(picks[0].rule, 'best-sellers');
    // Every 'new' product was first sold inside the window.
    for (const p of picks.filter((x) => x.rule === 'new')) {
      const f = await s.one<{ ok: boolean }>(
        `SELECT min(ts) >= ?::TIMESTAMP - INTERVAL 60 DAY AS ok FROM order_lines WHERE product_id = ?`,
        [asOf, p.productId],
      );
      assert.ok(f!.ok, p.productId);
    }
    const stored = await listPromotions(s);
    assert.equal(stored.length, picks.length);
    assert.ok(stored.every((p) => p.channel === 'email' && p.value === 15 && p.budget === 200 && p.scope.kind === 'products'));
    // The whole pool (more promotions than one scoring batch) gets computed.
    const sum = await computePromotionLists(s, {
      perCustomer: 4,
      objective: 'margin',
      model: 'baseline',
      asOf: null,
      sendDate: null,
      channel: 'email',
      audience: null,
    });
    assert.equal(sum.promotions, picks.length);
    assert.ok(sum.customersWithPromotions > 100, JSON.stringify(sum));
    const used = await s.all<{ promotion_id: string; n: bigint }>(`SELECT promotion_id, count(*) AS n FROM promotion_lists GROUP BY ALL`);
    assert.ok(used.length > 10, 'lists use many promotions of the pool');
    const ranks = await s.one<{ bad: bigint }>(`SELECT count(*) AS bad FROM promotion_lists a JOIN promotion_lists b
      ON a.customer_id = b.customer_id AND a.rank + 1 = b.rank WHERE a.expected_value < b.expected_value - 1e-12`);
    assert.equal(Number(ranks!.bad), 0, 'each list is ordered by expected value');
  } finally {
    s.close();
    await rm(dir, { recursive: true, force: true });
  }
});
