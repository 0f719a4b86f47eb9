import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apportion, catalogFromSeed } from '../../src/generate/catalogFromSeed.ts';
import { offerPlanFromCatalog } from '../../src/generate/offerPlanFromCatalog.ts';
import { defaultWorldConfig } from '../../src/generate/worldConfig.ts';

test('catalog: categories and brands are contiguous slices covering every product', () => {
  const cat = catalogFromSeed(5, 400, defaultWorldConfig);
  const K = cat.categories.length;
  assert.equal(cat.catStart[K], 400);
  for (let c = 0; c < K; c++) {
    assert.ok(cat.catStart[c + 1] - cat.catStart[c] >= 2, 'every category has products');
    for (let p = cat.catStart[c]; p < cat.catStart[c + 1]; p++) assert.equal(cat.productCategory[p], c);
  }
  assert.equal(cat.brandStart[cat.brandNames.length], 400);
  for (let b = 0; b < cat.brandNames.length; b++) {
    assert.ok(cat.brandStart[b + 1] > cat.brandStart[b]);
    for (let p = cat.brandStart[b]; p < cat.brandStart[b + 1]; p++) {
      assert.equal(cat.productBrand[p], b);
      assert.equal(cat.productCategory[p], cat.brandCategory[b]);
    }
  }
  assert.equal(new Set(cat.brandNames).size, cat.brandNames.length, 'brand names are unique');
  assert.ok(cat.price.every((x) => x > 0));
  assert.ok(
    cat.categories.some((c) => c.cycleDays > 0) && cat.categories.some((c) => c.amplitude >= 10),
    'consumable and seasonal categories present',
  );
  // December season lifts christmas-decor well above its July level.
  const xmas = cat.categories.findIndex((c) => c.name === 'christmas-decor');
  assert.ok(cat.season[11 * K + xmas] > 5 * cat.season[6 * K + xmas]);
});

test('catalog and offers are deterministic for a seed', () => {
  const a = catalogFromSeed(9, 200, defaultWorldConfig);
  const b = catalogFromSeed(9, 200, defaultWorldConfig);
  const c = catalogFromSeed(10, 200, defaultWorldConfig);
  assert.deepEqual(a.productNames, b.productNames);
  assert.deepEqual([...a.price], [...b.price]);
  assert.notDeepEqual([...a.price], [...c.price]);
  const plan = offerPlanFromCatalog(9, a, defaultWorldConfig, 365);
  assert.equal(plan.offers.length, defaultWorldConfig.offers);
  for (const o of plan.offers) assert.ok(o.fromDay >= 0 && o.toDay <= 365 && o.toDay > o.fromDay && o.uplift > 1);
});

test('apportion splits exactly with a floor', () => {
  const parts = apportion([1, 2, 3, 100], 50, 2);
  assert.equal(
    parts.reduce((a, b) => a + b, 0),
    50,
  );
  assert.ok(parts.every((x) => x >= 2));
  assert.ok(parts[3] > parts[2]);
});
