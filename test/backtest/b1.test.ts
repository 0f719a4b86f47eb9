import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { b1SplitFromLines, evaluateModels } from '../../src/backtest/evaluateModels.ts';
import { b1FromStore } from '../../src/backtest/b1.ts';
import { b1FromFiles } from '../../src/backtest/b1FromFiles.ts';
import { Popularity } from '../../src/models/popularity.ts';
import { Store } from '../../src/store/store.ts';
import { getMeta } from '../../src/store/meta.ts';
import { main } from '../../src/cli/main.ts';

const D = 86_400_000;
// users 0..3, items 0..3. History (< day 10): u0 {0,1}, u1 {1}, u2 {2}; test: u0 {1,3}, u1 {1}, u3 {0} (no history).
const lines = (() => {
  const r = [
    [0, 0, 1],
    [0, 1, 2],
    [1, 1, 3],
    [2, 2, 4],
    [0, 1, 11],
    [0, 3, 12],
    [1, 1, 12],
    [3, 0, 13],
  ];
  return {
    nUsers: 4,
    nItems: 4,
    user: Int32Array.from(r, (x) => x[0]),
    item: Int32Array.from(r, (x) => x[1]),
    order: Int32Array.from(r, (_, j) => j),
    quantity: new Float64Array(r.length).fill(1),
    amount: new Float64Array(r.length).fill(1),
    ts: Float64Array.from(r, (x) => x[2] * D),
  };
})();

test('B1 split: test users need history and a test purchase; new items drop history items', () => {
  const s = b1SplitFromLines(lines, 10 * D, Infinity);
  assert.deepEqual([...s.usersAll], [0, 1]);
  assert.deepEqual([...s.usersNew], [0]);
  assert.deepEqual([...s.truthAll[0]].sort(), [1, 3]);
  assert.deepEqual([...s.truthNew[0]], [3]);
  const ex = b1SplitFromLines(lines, 10 * D, Infinity, { exclude: { from: 2 * D, to: 5 * D } });
  assert.deepEqual([...ex.usersAll], [0]); // u1's only history line is excluded
});

test('evaluateModels scores popularity by hand-checked figures', async () => {
  const rows = await evaluateModels(b1SplitFromLines(lines, 10 * D, Infinity), [{ name: 'pop', make: () => new Popularity() }], 2);
  // popularity: item 1 (2 buyers) then 0 (tie with 2, lower index). u0 all: truth {1,3}: hit at rank 1 → P 0.5, R 0.5;
  // u1 all: truth {1}: hit at rank 1 → P 0.5, R 1. new (u0, excluding 0,1): list [2, 3] → hit at rank 2.
  const all = rows.find((r) => r.variant === 'all')!,
    fresh = rows.find((r) => r.variant === 'new')!;
  assert.equal(all.users, 2);
  assert.equal(all.precision, 0.5);
  assert.equal(all.recall, 0.75);
  assert.equal(all.hit, 1);
  assert.ok(Math.abs(fresh.ndcg - 1 / Math.log2(3)) < 1e-12);
});

test('b1FromStore saves quality:<model>; b1FromFiles reads user,item,ts files', async () => {
  const store = await Store.open(':memory:');
  try {
    const rows: string[] = [];
    for (let l = 0; l < lines.ts.length; l++) {
      const ts = new Date(Date.UTC(2021, 0, 1) + lines.ts[l]).toISOString().replace('T', ' ').slice(0, 19);
      rows.push(`('o${l}', 'p${lines.item[l]}', 1, 'c${lines.user[l]}', 1, 1, 1, '${ts}'::TIMESTAMP, 'purchase')`);
    }
    await store.run(
      `INSERT INTO order_lines (order_id, product_id, line_no, customer_id, quantity, unit_price, amount, ts, kind) VALUES ${rows.join(', ')}`,
    );
    const rep = await b1FromStore(store, { asOf: new Date(Date.UTC(2021, 0, 11)), models: ['popularity'], k: 2 });
    assert.equal(rep.rows.find((r) => r.variant === 'all')!.users, 2);
    const q = await getMeta<{ rows: unknown[] }>(store, 'quality:popularity');
    assert.equal(q!.rows.length, 2);
  } finally {
    store.close();
  }

  const dir = mkdtempSync(join(tmpdir(), 'nb-b1-'));
  try {
    writeFileSync(join(dir, 'train.csv'), 'user,item,ts\nA,x,2021-01-01\nA,y,2021-01-02\nB,y,2021-01-03\nC,z,2021-01-04\n');
    writeFileSync(join(dir, 'test.csv'), 'user,item,ts\nA,y,2021-02-01\nA,w,2021-02-02\nB,y,2021-02-02\n');
    const rep = await b1FromFiles(join(dir, 'train.csv'), join(dir, 'test.csv'), { models: ['popularity'], k: 2 });
    const all = rep.rows.find((r) => r.variant === 'all')!;
    assert.equal(all.users, 2);
    assert.equal(all.recall, 0.75);
    writeFileSync(join(dir, 'bad.csv'), 'user,item,ts\nA,y,not-a-date\n');
    const errs: string[] = [];
    const code = await main(['evaluate', '--train', join(dir, 'train.csv'), '--test', join(dir, 'bad.csv')], {
      out: () => {},
      err: (s) => errs.push(s),
      env: {},
    });
    assert.equal(code, 2);
    assert.match(errs.join(''), /bad\.csv:2: column ts: not a date: 'not-a-date'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
