import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorld, type GenerateOptions } from '../../src/generate/generateWorld.ts';
import { FILE_COLUMNS } from '../../src/generate/fileColumns.ts';
import { Store, quoteLiteral } from '../../src/store/store.ts';
import { UserError } from '../../src/domain/errors.ts';

const FILES = ['customers.csv', 'products.csv', 'order_lines.csv', 'events.csv', 'offers.csv', 'truth.json'];
const base: Omit<GenerateOptions, 'out'> = { customers: 150, products: 60, months: 6, seed: 11, start: '2023-09-01' };

async function world(extra: Partial<GenerateOptions> = {}) {
  const out = await mkdtemp(join(tmpdir(), 'nb-gen-'));
  const result = await generateWorld({ ...base, ...extra, out });
  const bytes = Object.fromEntries(await Promise.all(FILES.map(async (f) => [f, await readFile(join(out, f), 'utf8')] as const)));
  return { out, result, bytes };
}

test('same seed → byte-identical files, whatever the number of workers; another seed differs', async () => {
  const a = await world();
  const b = await world({ workers: 2 });
  const c = await world({ seed: 12 });
  try {
    for (const f of FILES) assert.equal(a.bytes[f], b.bytes[f], `${f} identical`);
    for (const f of ['customers.csv', 'order_lines.csv', 'events.csv', 'truth.json'])
      assert.notEqual(a.bytes[f], c.bytes[f], `${f} differs by seed`);
    assert.deepEqual((await readdir(a.out)).sort(), [...FILES].sort(), 'no temporary files left');
  } finally {
    for (const w of [a, b, c]) await rm(w.out, { recursive: true, force: true });
  }
});

test('files follow the canonical columns, parse with their types and reference each other', async () => {
  const w = await world();
  const s = await Store.open(':memory:');
  try {
    for (const t of Object.keys(FILE_COLUMNS) as (keyof typeof FILE_COLUMNS)[]) {
      const header = w.bytes[`${t}.csv`].split('\n', 1)[0];
      assert.equal(header, FILE_COLUMNS[t].map((c) => c[0]).join(','));
      const cols = '{' + FILE_COLUMNS[t].map(([n, ty]) => `${quoteLiteral(n)}: ${quoteLiteral(ty)}`).join(', ') + '}';
      await s.run(
        `CREATE TABLE g_${t} AS SELECT * FROM read_csv(${quoteLiteral(join(w.out, `${t}.csv`))}, header = true, auto_detect = false, columns = ${cols})`,
      );
      const n = await s.one<{ n: bigint }>(`SELECT count(*) AS n FROM g_${t}`);
      assert.equal(Number(n!.n), w.result.files.find((f) => f.table === t)!.rows, `${t} row count`);
    }
    const q = async (sql: string) => Number((await s.one<{ n: bigint }>(sql))!.n);
    assert.equal(await q(`SELECT count(*) AS n FROM g_customers`), 150);
    assert.equal(await q(`SELECT count(DISTINCT customer_id) AS n FROM g_customers`), 150);
    assert.equal(await q(`SELECT count(DISTINCT product_id) AS n FROM g_products`), 60);
    assert.ok((await q(`SELECT count(*) AS n FROM g_order_lines`)) > 150);
    assert.equal(await q(`SELECT count(*) AS n FROM g_order_lines l ANTI JOIN g_customers USING (customer_id)`), 0);
    assert.equal(await q(`SELECT count(*) AS n FROM g_order_lines l ANTI JOIN g_products USING (product_id)`), 0);
    assert.equal(await q(`SELECT count(*) AS n FROM g_events ANTI JOIN g_customers USING (customer_id)`), 0);
    assert.equal(
      await q(
        `SELECT count(*) AS n FROM g_events e WHERE product_id IS NOT NULL AND product_id NOT IN (SELECT product_id FROM g_products)`,
      ),
      0,
    );
    assert.equal(
      await q(`SELECT count(*) AS n FROM g_events WHERE type NOT IN ('view','cart_add','cart_abandon','email_open','click')`),
      0,
    );
    // Everything inside the 6-month window, and no purchase before signup.
    assert.equal(await q(`SELECT count(*) AS n FROM g_order_lines WHERE ts < '2023-09-01' OR ts >= '2024-03-01'`), 0);
    assert.equal(await q(`SELECT count(*) AS n FROM g_events WHERE ts < '2023-09-01' OR ts >= '2024-03-01'`), 0);
    assert.equal(await q(`SELECT count(*) AS n FROM g_order_lines JOIN g_customers USING (customer_id) WHERE ts < signup_date`), 0);
    // An order belongs to one customer and one timestamp; returns are negative, purchases positive.
    assert.equal(
      await q(
        `SELECT count(*) AS n FROM (SELECT order_id FROM g_order_lines GROUP BY 1 HAVING count(DISTINCT customer_id) > 1 OR count(DISTINCT ts) > 1)`,
      ),
      0,
    );
    assert.equal(
      await q(
        `SELECT count(*) AS n FROM g_order_lines WHERE (order_id LIKE 'O%' AND quantity <= 0) OR (order_id LIKE 'R%' AND quantity >= 0)`,
      ),
      0,
    );
    assert.equal(
      await q(`SELECT count(*) AS n FROM g_offers WHERE valid_from > valid_to OR scope_attribute NOT IN ('category','brand','department')`),
      0,
    );
    assert.equal(
      await q(`SELECT count(*) AS n FROM g_offers o WHERE NOT EXISTS (SELECT 1 FROM g_products p WHERE
      (o.scope_attribute = 'category' AND p.category = o.scope_value) OR (o.scope_attribute = 'brand' AND p.brand = o.scope_value)
      OR (o.scope_attribute = 'department' AND p.department = o.scope_value))`),
      0,
      'every offer scope matches products',
    );
    const truth = JSON.parse(w.bytes['truth.json']);
    assert.equal(truth.customers.length, 150);
    assert.equal(truth.customers[0].customer_id, 'C0000001');
    assert.ok(truth.customers.every((c: { top_categories: unknown[] }) => c.top_categories.length >= 2));
    assert.equal(
      truth.categories.length,
      new Set(
        w.bytes['products.csv']
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => l.split(',')[4]),
      ).size,
    );
  } finally {
    s.close();
    await rm(w.out, { recursive: true, force: true });
  }
});

test('parquet output holds the same rows with typed columns', async () => {
  const out = await mkdtemp(join(tmpdir(), 'nb-gen-'));
  const s = await Store.open(':memory:');
  try {
    const r = await generateWorld({ ...base, customers: 40, out, format: 'parquet' });
    const lines = r.files.find((f) => f.table === 'order_lines')!;
    assert.ok(lines.path.endsWith('order_lines.parquet'));
    const row = await s.one<{ n: bigint; t: string }>(
      `SELECT count(*) AS n, typeof(any_value(ts)) AS t FROM read_parquet(${quoteLiteral(lines.path)})`,
    );
    assert.equal(Number(row!.n), lines.rows);
    assert.equal(row!.t, 'TIMESTAMP');
    assert.deepEqual((await readdir(out)).sort(), [
      'customers.parquet',
      'events.parquet',
      'offers.parquet',
      'order_lines.parquet',
      'products.parquet',
      'truth.json',
    ]);
  } finally {
    s.close();
    await rm(out, { recursive: true, force: true });
  }
});

test('bad options are usage errors and write nothing', async () => {
  const out = join(tmpdir(), `nb-gen-none-${process.pid}`);
  await assert.rejects(generateWorld({ ...base, products: 3, out }), UserError);
  await assert.rejects(generateWorld({ ...base, start: '2023-02-30', out }), UserError);
  await assert.rejects(readdir(out), /ENOENT/);
});
