// `evaluate --train A --test B` on logs that are not receipts: no timestamps (every registered model,
// blend included), non-temporal splits (evaluated as given, with a note), Parquet/NDJSON files with
// --map and unix-ms times, and bad values named by file:line:column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { b1FromFiles } from '../../src/backtest/b1FromFiles.ts';
import type { B1Report } from '../../src/backtest/b1.ts';
import { main } from '../../src/cli/main.ts';
import { modelRegistry } from '../../src/models/registry.ts';
import { quoteLiteral, Store } from '../../src/store/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'nb-b1files-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** Runs the CLI in-process: exit code, stdout, stderr. */
async function cli(...argv: string[]) {
  const out: string[] = [],
    err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), env: {} });
  return { code, out: out.join(''), err: err.join('') };
}

/**
 * A ratings log without timestamps, split at random per user (a quarter of each user's items to
 * test): 120 users with a taste for one of 5 item groups of 8, 40 items. Seeded, so runs agree.
 */
function ratingsSplit(): { train: string; test: string } {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const train = ['user,item,rating'],
    test = ['user,item,rating'];
  for (let u = 0; u < 120; u++) {
    const group = Math.floor(rand() * 5);
    const items = new Set<number>();
    const n = 4 + Math.floor(rand() * 9);
    while (items.size < n) items.add(rand() < 0.75 ? group * 8 + Math.floor(rand() * 8) : Math.floor(rand() * 40));
    const list = [...items];
    const k = Math.max(1, Math.floor(list.length / 4));
    list.forEach((i, j) => (j < k ? test : train).push(`u${u},i${i},${[1, 2, 3, 3.5, 4, 5][Math.floor(rand() * 6)]}`));
  }
  return { train: write('ratings-train.csv', train.join('\n') + '\n'), test: write('ratings-test.csv', test.join('\n') + '\n') };
}

test('every registered model is evaluated on files without timestamps (ratings as quantity)', async () => {
  const { train, test: testFile } = ratingsSplit();
  const models = Object.keys(modelRegistry);
  assert.ok(models.includes('blend'));
  const rep = await b1FromFiles(train, testFile, { models, k: 10, map: ['quantity=rating'] });
  assert.equal(rep.asOf.slice(0, 10), '2000-01-01');
  assert.match(rep.notes?.[0] ?? '', /ratings-train\.csv has no timestamps: each customer's train lines are spread in file order/);
  for (const model of models) {
    for (const variant of ['all', 'new'] as const) {
      const row = rep.rows.find((r) => r.model === model && r.variant === variant);
      assert.ok(row, `${model} ${variant}: no row`);
      assert.ok(row.users >= 100, `${model} ${variant}: ${row.users} users`);
      for (const m of [row.precision, row.recall, row.ndcg, row.map, row.hit])
        assert.ok(Number.isFinite(m) && m >= 0 && m <= 1, `${model}: ${m}`);
    }
  }
  // The users have tastes: a neighbourhood model must beat chance (10 of 40 items ≈ 0.25 hit rate) clearly.
  assert.ok(rep.rows.find((r) => r.model === 'itemKnn' && r.variant === 'new')!.hit > 0.5);
});

test('without ts, time-free figures equal the dated ones (hand-checked popularity)', async () => {
  const dated = [
    write('d-train.csv', 'user,item,ts\nA,x,2021-01-01\nA,y,2021-01-02\nB,y,2021-01-03\nC,z,2021-01-04\n'),
    write('d-test.csv', 'user,item,ts\nA,y,2021-02-01\nA,w,2021-02-02\nB,y,2021-02-02\n'),
  ];
  const undated = [write('u-train.csv', 'user,item\nA,x\nA,y\nB,y\nC,z\n'), write('u-test.csv', 'user,item\nA,y\nA,w\nB,y\n')];
  for (const [train, testFile] of [dated, undated]) {
    // popularity: y (2 buyers), then x (ties with z, lower index). A: truth {y, w}, recall 1/2; B: truth {y}, recall 1.
    const rep = await b1FromFiles(train, testFile, { models: ['popularity'], k: 2 });
    const all = rep.rows.find((r) => r.variant === 'all')!;
    assert.deepEqual([all.users, all.recall, all.precision], [2, 0.75, 0.5], train);
  }
});

test('a non-temporal split is evaluated as given, with a note', async () => {
  const train = write('nt-train.csv', 'user,item,ts\nA,x,2021-01-05\nA,y,2021-03-01\nB,y,2021-01-03\nC,z,2021-01-04\n');
  const testFile = write('nt-test.csv', 'user,item,ts\nA,y,2021-02-01\nA,w,2021-04-02\nB,y,2021-01-02\n');
  const r = await cli('evaluate', '--train', train, '--test', testFile, '--model', 'popularity', '--k', '2');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^note: 2 of 3 test lines are not after the last train line \(2021-03-01 00:00:00\.000\): not a temporal split/);
  assert.match(r.out, /evaluated as given — history = .*nt-train\.csv, truth = .*nt-test\.csv/);
  assert.match(r.out, /popularity\s+all items\s+2\s+0\.5000\s+0\.7500/); // the same hand-checked figures as above
  const json = JSON.parse((await cli('evaluate', '--train', train, '--test', testFile, '--model', 'popularity', '--json')).out) as B1Report;
  assert.equal(json.notes?.length, 1);
});

test('Parquet and NDJSON files with --map and unix-ms times give the figures of the same CSV', async () => {
  const s = await Store.open(':memory:');
  const trainPq = join(dir, 'train.parquet');
  try {
    // The d-train/d-test lines above, as userId/movieId with epoch ms (2021-01-01 = 1609459200000).
    await s.run(`COPY (SELECT * FROM (VALUES ('A', 'x', 1609459200000::BIGINT), ('A', 'y', 1609545600000::BIGINT), ('B', 'y', 1609632000000::BIGINT),
                 ('C', 'z', 1609718400000::BIGINT)) t(userId, movieId, "timestamp")) TO ${quoteLiteral(trainPq)} (FORMAT parquet)`);
  } finally {
    s.close();
  }
  const testNd = write(
    'test.ndjson',
    [
      '{"userId":"A","movieId":"y","timestamp":1612137600000}',
      '{"userId":"A","movieId":"w","timestamp":1612224000000}',
      '{"userId":"B","movieId":"y","timestamp":1612224000000}',
    ].join('\n') + '\n',
  );
  const map = ['customer_id=userId', 'product_id=movieId', 'ts=timestamp'];
  const models = ['popularity', 'itemKnn', 'repurchase'];
  const files = await b1FromFiles(trainPq, testNd, { models, k: 2, map });
  const csv = await b1FromFiles(join(dir, 'd-train.csv'), join(dir, 'd-test.csv'), { models, k: 2 });
  const figures = (r: B1Report) => r.rows.map((x) => [x.model, x.variant, x.users, x.precision, x.recall, x.ndcg, x.map, x.hit]);
  assert.deepEqual(figures(files), figures(csv));
  assert.equal(files.asOf, '2021-01-04 00:00:00.001');
  assert.equal(files.notes, undefined, 'a temporal split needs no note');
});

test('bad values and flags: file:line:column errors, usage errors', async () => {
  const train = join(dir, 'd-train.csv');
  const bad = write(
    'bad.ndjson',
    '{"user":"A","item":"y","ts":1612137600}\n{"user":"B","item":"","ts":1612137601}\n{"user":"B","item":"y","ts":"soon"}\n',
  );
  const r = await cli('evaluate', '--train', train, '--test', bad);
  assert.equal(r.code, 2);
  assert.match(r.err, /bad\.ndjson:2: column item \(product_id\): missing id/);
  assert.match(r.err, /bad\.ndjson:3: column ts: not a date: 'soon' \(read as unix seconds, detected/);
  const noUser = await cli('evaluate', '--train', write('nouser.csv', 'who,item\nA,x\n'), '--test', join(dir, 'd-test.csv'));
  assert.equal(noUser.code, 2);
  assert.match(noUser.err, /no column for customer_id in order_lines .*--map customer_id=YOUR_COLUMN/);
  const storeMap = await cli('evaluate', '--map', 'quantity=rating', '--db', join(dir, 'none.duckdb'));
  assert.equal(storeMap.code, 2);
  assert.match(storeMap.err, /--map reads --train\/--test files/);
  const window = await cli('evaluate', '--train', join(dir, 'u-train.csv'), '--test', join(dir, 'u-test.csv'), '--train-window', '30d');
  assert.equal(window.code, 2);
  assert.match(window.err, /--train-window and --exclude-period need dated train lines/);
});
