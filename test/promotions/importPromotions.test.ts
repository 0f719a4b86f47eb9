import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';
import { InputError } from '../../src/domain/errors.ts';
import { importPromotions } from '../../src/promotions/importPromotions.ts';
import { listPromotions } from '../../src/promotions/promotionTable.ts';

const HEADER =
  'promotion_id,name,scope_attribute,scope_value,products,mechanism,value,valid_from,valid_to,channel,level,audience,' +
  'customer_ids,cost,stock,budget';

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'nb-promo-import-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a CSV of every mechanism and scope kind is stored whole; re-importing replaces by id', () =>
  withDir(async (dir) => {
    const s = await tinyRetailStore();
    const file = join(dir, 'promotions.csv');
    await writeFile(
      file,
      [
        HEADER,
        'p-candles,Candles 20% off,family,candles,,percent_off,20,2021-01-01,2021-12-31,email,all,,,0.6,100,',
        'p-bag,"Bag, 5 off",,,p3,amount_off,5,,,all,individual,,c1|c2,0.5,,250',
        'p-bogo,Mug BOGO,family,mugs,,bogo,,,,app,audience,frequency >= 2,,0.4,,',
        'p-points,Double points,,,p1;p4,points,2,,,all,all,,,0.5,,',
        'p-bundle,Home bundle,department,home,,bundle,3,,,all,all,,,,,',
        'p-ship,Free shipping,department,fashion,,free_shipping,4.9,,,web,members,,,,,',
      ].join('\n') + '\n',
    );
    const r = await importPromotions(s, file, { label: 'promotions.csv' });
    assert.deepEqual(r, { file: 'promotions.csv', imported: 6, replaced: 0, total: 6 });
    const byId = new Map((await listPromotions(s)).map((p) => [p.promotionId, p]));
    const c = byId.get('p-candles')!;
    assert.deepEqual(
      [c.mechanism, c.value, c.channel, c.cost, c.stock, c.scope],
      ['percent_off', 20, 'email', 0.6, 100, { kind: 'attribute', attribute: 'family', value: 'candles' }],
    );
    assert.equal(c.validTo!.toISOString(), '2021-12-31T00:00:00.000Z');
    assert.deepEqual(byId.get('p-bag')!.customerIds, ['c1', 'c2']);
    assert.equal(byId.get('p-bag')!.name, 'Bag, 5 off');
    assert.equal(byId.get('p-bag')!.budget, 250);
    assert.deepEqual(byId.get('p-points')!.scope, { kind: 'products', productIds: ['p1', 'p4'] });
    assert.equal(byId.get('p-bogo')!.audience, 'frequency >= 2');
    assert.equal(byId.get('p-bogo')!.value, null);
    const again = await importPromotions(s, file);
    assert.deepEqual([again.imported, again.replaced, again.total], [0, 6, 6]);
    s.close();
  }));

test('bad fields: every problem as file:line: column: reason, and nothing stored', () =>
  withDir(async (dir) => {
    const s = await tinyRetailStore();
    const file = join(dir, 'bad.csv');
    await writeFile(
      file,
      [
        HEADER,
        'ok-1,Fine,family,candles,,percent_off,10,,,all,all,,,,,',
        '"ok-2","A name on',
        'two lines",family,mugs,,amount_off,2,,,all,all,,,,,',
        'bad-1,Mech,family,candles,,half_price,10,,,all,all,,,,,',
        'bad-2,Percent,family,candles,,percent_off,150,,,all,all,,,1.5,,',
        'bad-3,Dates,family,candles,,amount_off,,2021-02-30,2021-01-01,all,all,,,,-1,',
        'bad-4,Scope,colour,red,,points,2,,,all,vip,,,,,',
        'ok-1,Duplicate,family,bags,,percent_off,10,,,all,individual,,,,,',
      ].join('\n') + '\n',
    );
    await assert.rejects(importPromotions(s, file, { label: 'bad.csv' }), (e: unknown) => {
      assert.ok(e instanceof InputError);
      const m = (e as InputError).message;
      assert.match(m, /^bad\.csv: 9 problem\(s\) found; no promotion was stored/);
      // The quoted name spans lines 3–4, so bad-1 is physical line 5.
      assert.match(m, /bad\.csv:5: column mechanism: 'half_price' is not one of percent_off, amount_off, bogo, points, bundle, free_/);
      assert.match(m, /bad\.csv:6: column value: '150' is not a percent in \(0, 100\]/);
      assert.match(m, /bad\.csv:6: column cost: '1\.5' is not a cost share between 0 and 1/);
      assert.match(m, /bad\.csv:7: column value: missing: amount_off needs an amount > 0/);
      assert.match(m, /bad\.csv:7: column valid_from: '2021-02-30' is not a date/);
      assert.match(m, /bad\.csv:7: column stock: '-1' is not a whole number ≥ 0/);
      assert.match(m, /bad\.csv:8: column level: 'vip' is not one of all, members, audience, individual/);
      assert.match(m, /bad\.csv:8: column scope_attribute: 'colour' is not a product column/);
      assert.match(m, /bad\.csv:9: column customer_ids: missing: level 'individual' needs customer ids/);
      return true;
    });
    assert.equal((await listPromotions(s)).length, 0, 'nothing stored');
    // Duplicates and unknown columns are caught too (JSON: line = record number).
    const json = join(dir, 'bad.json');
    await writeFile(
      json,
      JSON.stringify([
        { promotion_id: 'a', mechanism: 'bogo', scope_attribute: 'family', scope_value: 'mugs' },
        { promotion_id: 'a', mechanism: 'bogo', scope_attribute: 'family', scope_value: 'bags', colour: 'red' },
      ]),
    );
    await assert.rejects(importPromotions(s, json, { label: 'bad.json' }), (e: Error) => {
      assert.match(e.message, /bad\.json:1: column colour: unknown column/);
      assert.match(e.message, /bad\.json:2: column promotion_id: duplicate id 'a', first at line 1/);
      return true;
    });
    assert.equal((await listPromotions(s)).length, 0);
    s.close();
  }));

test('a JSON array is read like a CSV, lists as arrays', () =>
  withDir(async (dir) => {
    const s = await tinyRetailStore();
    const file = join(dir, 'pool.json');
    await writeFile(
      file,
      JSON.stringify([
        {
          promotion_id: 'j1',
          name: 'Lantern deal',
          products: ['p4'],
          mechanism: 'amount_off',
          value: 1.5,
          valid_to: '2021-06-30',
          cost: 0.5,
        },
        {
          promotion_id: 'j2',
          scope_attribute: 'family',
          scope_value: 'bags',
          mechanism: 'percent_off',
          value: 15,
          level: 'individual',
          customer_ids: ['c3'],
        },
      ]),
    );
    assert.equal((await importPromotions(s, file)).imported, 2);
    const [j1, j2] = await listPromotions(s);
    assert.deepEqual(j1.scope, { kind: 'products', productIds: ['p4'] });
    assert.equal(j1.value, 1.5);
    assert.deepEqual(j2.customerIds, ['c3']);
    assert.equal(j2.name, 'j2');
    s.close();
  }));
