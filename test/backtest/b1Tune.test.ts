import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tuneModel } from '../../src/backtest/tuneModel.ts';
import { configsFromGrid, modelCatalog } from '../../src/models/modelCatalog.ts';
import { Store } from '../../src/store/store.ts';
import { getMeta } from '../../src/store/meta.ts';
import { tinyLines, T0 } from '../models/tinyLog.ts';

async function storeWith(extraAfterAsOf: boolean): Promise<Store> {
  const l = tinyLines(30, 12);
  const store = await Store.open(':memory:');
  const rows: string[] = [];
  const iso = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 19);
  for (let j = 0; j < l.ts.length; j++)
    rows.push(`('o${l.order[j]}', 'p${l.item[j]}', ${j}, 'c${l.user[j]}', 1, 1, 1, '${iso(l.ts[j])}'::TIMESTAMP, 'purchase')`);
  // lines after the as-of date must not change what tune picks
  if (extraAfterAsOf)
    for (let u = 0; u < 30; u++)
      rows.push(`('late${u}', 'p0', 0, 'c${u}', 1, 1, 1, '${iso(T0 + 300 * 86_400_000)}'::TIMESTAMP, 'purchase')`);
  await store.run(
    `INSERT INTO order_lines (order_id, product_id, line_no, customer_id, quantity, unit_price, amount, ts, kind) VALUES ${rows.join(', ')}`,
  );
  return store;
}

test('tune picks a grid config on the window before as-of, saves it, and ignores later lines', async () => {
  const picks = [];
  for (const extra of [false, true]) {
    const store = await storeWith(extra);
    try {
      const res = await tuneModel(store, { model: 'popularity', asOf: new Date(T0 + 200 * 86_400_000), validationDays: 60 });
      assert.equal(res.trials.length, configsFromGrid(modelCatalog.popularity.grid).length);
      assert.equal(res.ndcg, Math.max(...res.trials.map((t) => t.ndcg)));
      assert.deepEqual(await getMeta(store, 'config:popularity'), res.best);
      picks.push(res);
    } finally {
      store.close();
    }
  }
  assert.deepEqual(picks[0].trials, picks[1].trials);
});

test('configsFromGrid is the cartesian product in a fixed order', () => {
  assert.deepEqual(configsFromGrid({ a: [1, 2], b: [0] }), [
    { a: 1, b: 0 },
    { a: 2, b: 0 },
  ]);
});
