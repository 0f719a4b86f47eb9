// Loyalty attribute files: validated like every import (file:line: column: reason), references
// checked, nothing stored on any problem; good files load and re-loads update in place.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { InputError } from '../../src/domain/errors.ts';
import { loadLoyaltyFile } from '../../src/loyalty/loadLoyaltyFile.ts';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';

const dir = mkdtempSync(join(tmpdir(), 'nb-loyalty-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const count = async (s: Awaited<ReturnType<typeof tinyRetailStore>>, t: string) =>
  Number((await s.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${t}`))!.n);

test('favourite categories: every bad row named by file, line and column; nothing stored', async () => {
  const s = await tinyRetailStore();
  const bad = file(
    'cats.csv',
    'customer_id,category,valid_from,valid_to\nc1,candles,2030-01-01,2030-12-31\nzz,mugs,,\n' +
      'c2,,2030-01-01,\nc3,bags,someday,\nc1,candles,2030-02-01,\nc4,bags,2030-05-01,2030-04-01\n',
  );
  const e = await loadLoyaltyFile(s, { kind: 'categories', file: bad, fileLabel: 'cats.csv' }).catch((x: unknown) => x);
  assert.ok(e instanceof InputError, String(e));
  const lines = e.problems.map((p) => `${p.file}:${p.line}: ${p.column}: ${p.reason}`);
  assert.deepEqual(lines, [
    "cats.csv:3: customer_id: unknown customer 'zz' (not in customers)",
    'cats.csv:4: category: missing category',
    "cats.csv:5: valid_from: not a date: 'someday'" + lines[2].slice(lines[2].indexOf("'someday'") + 9),
    'cats.csv:6: category: duplicate (customer_id, category) (c1, candles) (first at line 2)',
    'cats.csv:7: valid_to: valid_to is before valid_from',
  ]);
  assert.match(e.message, /^cats\.csv: 5 problem\(s\) found; nothing was written/);
  assert.equal(await count(s, 'favourite_categories'), 0);
  const good = file('cats2.csv', 'customer_id,category,valid_from\nc1,candles,2030-01-01\nc1,mugs,\nc2,bags,\n');
  const r = await loadLoyaltyFile(s, { kind: 'categories', file: good });
  assert.equal(r.inserted, 3);
  const cats3 = file('cats3.csv', 'customer_id,category,valid_to\nc1,mugs,2031-01-01\n');
  const again = await loadLoyaltyFile(s, { kind: 'categories', file: cats3 });
  assert.deepEqual([again.inserted, again.updated], [0, 1]);
  s.close();
});

test('personal offers: benefit type, sizes, products and offer references are checked', async () => {
  const s = await tinyRetailStore();
  await s.run(`INSERT INTO offers (offer_id, name, level) VALUES ('fav', 'Your favourites', 'individual')`);
  const bad = file(
    'po.csv',
    'customer_id,offer_id,terms,products,benefit_type,benefit_value,valid_from,valid_to\n' +
      'c1,fav,10% off your picks,p1|p2,percent_off,10,2030-01-01,2030-01-31\n' +
      'c2,nope,x,p1,percent_off,10,,\n' +
      'c3,fav,x,p3,cashback,5,,\n' +
      'c4,fav,x,p3,amount_off,-5,,\n',
  );
  const e = await loadLoyaltyFile(s, { kind: 'personal-offers', file: bad, fileLabel: 'po.csv' }).catch((x: unknown) => x);
  assert.ok(e instanceof InputError, String(e));
  assert.deepEqual(
    e.problems.map((p) => `${p.line}:${p.column}:${p.reason}`),
    [
      "3:offer_id:unknown offer 'nope' (not in offers)",
      "4:benefit_type:unknown benefit_type 'cashback' (use percent_off, amount_off, bogo, points, free_shipping, other)",
      '5:benefit_value:negative benefit_value: -5.0',
    ],
  );
  assert.equal(await count(s, 'personal_offers'), 0);
  const ok = file('po2.csv', 'customer_id,offer_id,terms,products,benefit_type,benefit_value\nc1,fav,10% off,p1|p2,percent_off,10\n');
  await loadLoyaltyFile(s, { kind: 'personal-offers', file: ok });
  const row = await s.one<{ products: string[]; source: string }>(`SELECT products, source FROM personal_offers`);
  assert.deepEqual([row!.products, row!.source], [['p1', 'p2'], 'file']);
  s.close();
});

test('eligible products: unknown products refused; the same product may have several periods', async () => {
  const s = await tinyRetailStore();
  const bad = file('el.csv', 'product_id,valid_from,valid_to\np1,2030-01-01,2030-01-31\npx,2030-01-01,\n');
  await assert.rejects(
    loadLoyaltyFile(s, { kind: 'eligible', file: bad, fileLabel: 'el.csv' }),
    /el\.csv:3: column product_id: unknown product 'px' \(not in products\)/,
  );
  const good = file('el2.csv', 'product_id,valid_from,valid_to\np1,2030-01-01,2030-01-31\np1,2030-03-01,2030-03-31\np2,,\n');
  assert.equal((await loadLoyaltyFile(s, { kind: 'eligible', file: good })).inserted, 3);
  s.close();
});
