import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { Store } from '../../src/store/store.ts';
import { ingestPurchase } from '../../src/recs/ingestPurchase.ts';
import { asOfFromSettings, savedRecsSettings } from '../../src/recs/productRecommendations.ts';
import { loadRecsEngine, saveRecsEngine } from '../../src/recs/recsEngine.ts';
import { RECS_COLUMNS } from '../../src/recs/recsOutput.ts';

/** 24 customers in two taste groups over 16 products (families a/b), lines in 2024. */
async function fixture(dir: string): Promise<string> {
  const db = join(dir, 'shop.duckdb');
  const s = await Store.open(db);
  await s.run(`ALTER TABLE products ADD COLUMN family VARCHAR`);
  for (let p = 0; p < 16; p++) await s.run(`INSERT INTO products VALUES (?, ?, ?, ?)`, [`P${p}`, `product ${p}`, 1 + p, p < 8 ? 'a' : 'b']);
  let seed = 3;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows: string[] = [];
  for (let c = 0; c < 24; c++) {
    const base = c % 2 === 0 ? 0 : 8;
    for (let o = 0; o < 3; o++) {
      for (let p = 0; p < 8; p++) {
        if (rnd() < 0.35)
          rows.push(`('O${c}-${o}', 'P${base + p}', 0, 'C${c}', 1, 2, 2, TIMESTAMP '2024-0${1 + o}-1${c % 9} 10:00:00', 'purchase', NULL)`);
      }
    }
  }
  await s.run(`INSERT INTO order_lines VALUES ${rows.join(',')}`);
  s.close();
  return db;
}

function capture() {
  let out = '',
    err = '';
  return {
    io: {
      out: (t: string) => {
        out += t;
      },
      err: (t: string) => {
        err += t;
      },
      env: {},
    },
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}

test('recommend writes the exact output schema to CSV and Parquet, with attributes, filter and caps', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-recs-'));
  try {
    const db = await fixture(dir);
    const csv = join(dir, 'recs.csv');
    const c = capture();
    assert.equal(await main(['recommend', '--db', db, '--out', csv, '--top', '5'], c.io), 0, c.err);
    // the default is auto: the model it chose is named on stderr, and its state saved next to the store
    const chosen = /model auto → ([\w-]+)/.exec(c.err)?.[1];
    assert.ok(chosen, c.err);
    assert.ok(existsSync(`${db}.${chosen}.model`), 'model state saved next to the store');
    const s = await Store.open(':memory:');
    try {
      const cols = await s.all<{ column_name: string }>(`DESCRIBE SELECT * FROM read_csv('${csv}')`);
      assert.deepEqual(
        cols.map((x) => x.column_name),
        [...RECS_COLUMNS],
      );
      const rows = await s.all<{ primary_key: string; user_unique_id: string; ranking: number; score: number }>(
        `SELECT * FROM read_csv('${csv}')`,
      );
      const byUser = new Map<string, typeof rows>();
      for (const r of rows) byUser.set(r.user_unique_id, [...(byUser.get(r.user_unique_id) ?? []), r]);
      assert.equal(byUser.size, 24);
      for (const [u, list] of byUser) {
        assert.deepEqual(
          list.map((r) => Number(r.ranking)),
          [1, 2, 3, 4, 5],
        );
        for (const r of list) {
          assert.equal(r.primary_key, `${u}:${r.ranking}`);
          assert.ok(r.score >= 0 && r.score <= 1, `score ${r.score}`);
        }
        assert.equal(list[0].score, 1);
        for (let j = 1; j < list.length; j++) assert.ok(list[j].score <= list[j - 1].score);
      }
      // Parquet + attribute column + filter + cap + exclude purchased
      const pq = join(dir, 'recs.parquet');
      const c2 = capture();
      assert.equal(
        await main(
          ['recommend', '--db', db, '--out', pq, '--top', '3', '--attributes', 'family', '--filter', 'family=b', '--exclude-purchased'],
          c2.io,
        ),
        0,
        c2.err,
      );
      const prow = await s.all<{ family: string; user_unique_id: string; recommended_item_id: string }>(
        `SELECT * FROM read_parquet('${pq}')`,
      );
      assert.deepEqual(Object.keys(prow[0]), [...RECS_COLUMNS, 'family']);
      assert.ok(prow.every((r) => r.family === 'b'));
      const c3 = capture();
      const capped = join(dir, 'capped.csv');
      assert.equal(
        await main(['recommend', '--db', db, '--out', capped, '--top', '6', '--max-per', 'family=3', '--attributes', 'family'], c3.io),
        0,
        c3.err,
      );
      const fam = await s.all<{ user_unique_id: string; n: bigint }>(
        `SELECT user_unique_id, family, count(*) AS n FROM read_csv('${capped}') GROUP BY ALL`,
      );
      assert.ok(fam.every((r) => Number(r.n) <= 3));
    } finally {
      s.close();
    }
    // usage errors exit 2 and leave no file
    const bad = capture();
    assert.equal(await main(['recommend', '--db', db, '--out', join(dir, 'x.csv'), '--top', '101'], bad.io), 2);
    assert.equal(await main(['recommend', '--db', db, '--out', join(dir, 'x.csv'), '--filter', 'colour=red'], bad.io), 2);
    assert.ok(!existsSync(join(dir, 'x.csv')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a new purchase changes the customer's recommendations quickly, without retraining", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-ingest-'));
  try {
    const db = await fixture(dir);
    const c = capture();
    assert.equal(await main(['recommend', '--db', db, '--table', '--top', '5', '--exclude-purchased'], c.io), 0, c.err);
    const store = await Store.open(db);
    try {
      const before = await store.all<{ recommended_item_id: string; last_update_date: Date }>(
        `SELECT * FROM product_recommendations WHERE user_unique_id = 'C0' ORDER BY ranking`,
      );
      assert.equal(before.length, 5);
      const settings = await savedRecsSettings(store);
      const engine = await loadRecsEngine(store, { modelName: settings.model, asOf: await asOfFromSettings(store, settings) });
      const bought = before[0].recommended_item_id;
      const t0 = performance.now();
      const res = await ingestPurchase(
        store,
        engine,
        { customerId: 'C0', productId: bought, at: new Date(Date.UTC(2024, 5, 1)) },
        settings,
      );
      const ms = performance.now() - t0;
      assert.ok(ms < 5000, `ingest took ${ms} ms`);
      assert.ok(res.tableUpdated);
      const after = await store.all<{ recommended_item_id: string; last_update_date: Date }>(
        `SELECT * FROM product_recommendations WHERE user_unique_id = 'C0' ORDER BY ranking`,
      );
      assert.equal(after.length, 5);
      assert.ok(!after.some((r) => r.recommended_item_id === bought), 'the product just bought is excluded now');
      assert.ok(after[0].last_update_date.getTime() >= before[0].last_update_date.getTime());
      const lines = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM order_lines WHERE customer_id = 'C0' AND product_id = ?`, [
        bought,
      ]);
      assert.ok(Number(lines!.n) >= 1);
      // a brand-new customer gets recommendations from their first purchase
      const fresh = await ingestPurchase(
        store,
        engine,
        { customerId: 'NEW', productId: 'P9', at: new Date(Date.UTC(2024, 5, 2)) },
        settings,
      );
      assert.ok(fresh.rows.items[0] >= 0);
      // an unknown product is a usage error and writes nothing
      const n0 = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM order_lines`);
      await assert.rejects(ingestPurchase(store, engine, { customerId: 'C1', productId: 'NOPE' }, settings), /unknown product/);
      assert.equal((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM order_lines`))!.n, n0!.n);
      saveRecsEngine(engine);
      await (engine.model as { release?: () => Promise<void> }).release?.();
    } finally {
      store.close();
    }
    // the CLI path: loads the saved state (no refit message), records, prints the new list
    const c2 = capture();
    assert.equal(
      await main(
        ['ingest', '--db', db, '--customer', 'C2', '--product', 'P3', '--quantity', '2', '--at', '2024-06-03 12:00', '--json'],
        c2.io,
      ),
      0,
      c2.err,
    );
    assert.match(c2.err, /loaded model/);
    assert.doesNotMatch(c2.err, /fitting/);
    const j = JSON.parse(c2.out);
    assert.equal(j.recommendations.length, 5);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A ratings-like store: 90 customers each rate 8 of 40 products once, in one burst; three taste groups. */
async function ratingsFixture(dir: string): Promise<string> {
  const db = join(dir, 'ratings.duckdb');
  const s = await Store.open(db);
  for (let p = 0; p < 40; p++) await s.run(`INSERT INTO products VALUES (?, ?, ?)`, [`M${p}`, `movie ${p}`, 1]);
  let seed = 9;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows: string[] = [];
  for (let c = 0; c < 90; c++) {
    const group = c % 3,
      rated = new Set<number>();
    while (rated.size < 8) rated.add(rnd() < 0.8 ? group * 12 + Math.floor(rnd() * 12) : Math.floor(rnd() * 40));
    const day = 1 + (c % 28);
    [...rated].forEach((p, i) =>
      rows.push(
        `('R${c}-${i}', 'M${p}', 0, 'U${c}', 4, 0, 0, TIMESTAMP '2024-0${1 + (c % 6)}-${String(day).padStart(2, '0')} 1${i}:00:00', 'purchase', NULL)`,
      ),
    );
  }
  await s.run(`INSERT INTO order_lines VALUES ${rows.join(',')}`);
  s.close();
  return db;
}

test('on a log where nobody buys an item twice (ratings), the default all-items lists leave past purchases out, as the backtest chose', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-ratings-'));
  try {
    const db = await ratingsFixture(dir);
    const c = capture();
    assert.equal(await main(['recommend', '--db', db, '--table', '--top', '4'], c.io), 0, c.err);
    assert.match(c.err, /lists leave out past purchases/);
    const store = await Store.open(db);
    try {
      const repeats = await store.one<{ n: bigint; all: bigint }>(
        `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM order_lines o WHERE o.customer_id = r.user_unique_id
           AND o.product_id = r.recommended_item_id)) AS n, count(*) AS all FROM product_recommendations r`,
      );
      assert.ok(Number(repeats!.all) >= 300, `${repeats!.all} rows`);
      assert.equal(Number(repeats!.n), 0, 'no list repeats a product its customer already rated');
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
