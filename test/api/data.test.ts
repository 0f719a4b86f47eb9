// Data through the API: imports (path, upload, preview, history), table counts, paged lists,
// config. Each route: a success, a refused role (403), a validation error naming the field (400).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Role } from '../../src/ops/access.ts';
import { apiHarness, type ApiHarness } from '../helpers/apiHarness.ts';
import { tempDir, writeText } from '../ingest/fixtures.ts';

let h: ApiHarness;
const dir = tempDir();
before(async () => {
  h = await apiHarness();
});
after(async () => {
  await h.close();
});

// Waits until a job has fully ended, its lock released.
// (Polling GET /v1/jobs/:id can see the end a moment before the import lock is released.)
const finished = async (jobId: string) => (await h.ctx.jobs.wait(jobId)) as unknown as Record<string, unknown>;
const count = async (table: string) => Number((await h.store.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`))!.n);

/** A multipart/form-data request with text fields and one file part. */
function upload(role: Role, url: string, fields: Record<string, string>, file: { name: string; text: string }) {
  const b = 'nb-test-boundary';
  const parts = Object.entries(fields).map(([k, v]) => `--${b}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  parts.push(
    `--${b}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\n` + `content-type: text/csv\r\n\r\n${file.text}\r\n`,
  );
  return h.app.inject({
    method: 'POST',
    url,
    payload: parts.join('') + `--${b}--\r\n`,
    headers: { authorization: `Bearer ${h.keys[role]}`, 'content-type': `multipart/form-data; boundary=${b}` },
  });
}

test('table counts: per canonical table; service keys refused', async () => {
  const r = await h.call('viewer', 'GET', '/v1/data/tables');
  assert.equal(r.statusCode, 200);
  const rows = Object.fromEntries((r.json() as { table: string; rows: number }[]).map((t) => [t.table, t.rows]));
  assert.equal(rows.customers, await count('customers'));
  assert.equal(rows.order_lines, await count('order_lines'));
  assert.equal(rows.events, 0);
  assert.equal((await h.call('service', 'GET', '/v1/data/tables')).statusCode, 403);
});

test('customers and products: paged, searched, page size capped', async () => {
  const p1 = (await h.call('viewer', 'GET', '/v1/customers?search=c&pageSize=3')).json();
  assert.deepEqual(
    p1.items.map((c: { customer_id: string }) => c.customer_id),
    ['c1', 'c2', 'c3'],
  );
  assert.equal(p1.total, 4);
  const p2 = (await h.call('viewer', 'GET', '/v1/customers?search=c&pageSize=3&page=2')).json();
  assert.deepEqual(
    p2.items.map((c: { customer_id: string }) => c.customer_id),
    ['c4'],
  );
  assert.equal((await h.call('viewer', 'GET', '/v1/customers?search=x')).json().total, 0);
  const big = await h.call('viewer', 'GET', '/v1/customers?pageSize=501');
  assert.equal(big.statusCode, 400);
  assert.match(big.json().details[0].field, /^query\.pageSize/);

  const byName = (await h.call('marketer', 'GET', '/v1/products?search=LANTERN')).json();
  assert.deepEqual(
    byName.items.map((p: { product_id: string }) => p.product_id),
    ['p4'],
  );
  assert.equal(byName.items[0].family, 'candles', 'attribute columns come along');
  assert.equal((await h.call('viewer', 'GET', '/v1/products?search=p')).json().total, 5);
  assert.equal((await h.call('viewer', 'GET', '/v1/products?page=0')).statusCode, 400);
  assert.equal((await h.call('service', 'GET', '/v1/products')).statusCode, 403);
  assert.equal((await h.call('service', 'GET', '/v1/customers')).statusCode, 403);
});

test('order lines and events of one customer, newest first', async () => {
  const lines = (await h.call('viewer', 'GET', '/v1/order-lines?customer=c1')).json();
  assert.equal(lines.total, 3);
  assert.deepEqual(
    lines.items.map((l: { order_id: string }) => l.order_id),
    ['o5', 'o2', 'o1'],
  );
  assert.equal(lines.items[0].ts, '2021-02-05T10:00:00.000Z');
  assert.equal((await h.call('viewer', 'GET', '/v1/order-lines?pageSize=abc')).statusCode, 400);
  assert.equal((await h.call('service', 'GET', '/v1/order-lines')).statusCode, 403);

  await h.store.run(`INSERT INTO events VALUES
    ('c2','view','p1','2021-03-01 09:00',0), ('c2','cart','p1','2021-03-02 09:00',0), ('c3','view',NULL,'2021-03-01 09:00',0)`);
  const ev = (await h.call('viewer', 'GET', '/v1/events?customer=c2')).json();
  assert.equal(ev.total, 2);
  assert.deepEqual(
    ev.items.map((e: { type: string }) => e.type),
    ['cart', 'view'],
  );
  const bad = await h.call('viewer', 'GET', '/v1/events?customer=');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().details[0].field, /^query\.customer/);
  assert.equal((await h.call('service', 'GET', '/v1/events')).statusCode, 403);
});

test('import by server path: a job; only write roles; the path must be absolute', async () => {
  const file = writeText(dir, 'crm.csv', 'customer_id,country\nc9,France\nc1,Spain\n');
  const r = await h.call('marketer', 'POST', '/v1/imports', { table: 'customers', file });
  assert.equal(r.statusCode, 202);
  const job = await finished(r.json().job.jobId);
  assert.equal(job.status, 'succeeded', String(job.error));
  assert.deepEqual((job.result as { inserted: number; updated: number }).inserted, 1);
  assert.equal(await count('customers'), 5);
  assert.equal((await h.call('viewer', 'POST', '/v1/imports', { table: 'customers', file })).statusCode, 403);
  const rel = await h.call('marketer', 'POST', '/v1/imports', { table: 'customers', file: 'crm.csv' });
  assert.equal(rel.statusCode, 400);
  assert.equal(rel.json().details[0].field, 'body.file');
});

test('an import with a bad row fails with file:line: column, writes nothing, and shows in the history', async () => {
  const before = await h.store.all(`SELECT * FROM order_lines ORDER BY ALL`);
  const file = writeText(
    dir,
    'bad.csv',
    'order_id,product_id,customer_id,quantity,unit_price,ts\no9,p1,c1,1,2,2021-04-01\no9,p2,c1,x,1,2021-04-01\n',
  );
  const r = await h.call('marketer', 'POST', '/v1/imports', { table: 'order_lines', file, fileLabel: 'bad.csv' });
  const job = await finished(r.json().job.jobId);
  assert.equal(job.status, 'failed');
  assert.equal(job.errorName, 'InputError');
  assert.match(String(job.error), /^bad\.csv:3: column quantity: not a number: 'x'$/m);
  assert.deepEqual(await h.store.all(`SELECT * FROM order_lines ORDER BY ALL`), before, 'the good row was not written either');

  const hist = await h.call('viewer', 'GET', '/v1/imports?limit=10');
  assert.equal(hist.statusCode, 200);
  type Entry = { status: string; table: string; file: string; rows: { inserted: number } | null; error: string | null };
  const [last, prev] = hist.json() as Entry[];
  assert.deepEqual([last.status, last.table, last.file, last.rows], ['failed', 'order_lines', 'bad.csv', null]);
  assert.match(last.error!, /bad\.csv:3: column quantity/);
  assert.deepEqual([prev.status, prev.table, prev.rows?.inserted], ['succeeded', 'customers', 1]);
  assert.equal((await h.call('service', 'GET', '/v1/imports')).statusCode, 403);
  assert.equal((await h.call('viewer', 'GET', '/v1/imports?limit=0')).statusCode, 400);
});

test('upload: streamed to a temp file, imported as a job, problems name the uploaded file, temp file removed', async () => {
  const ok = await upload(
    'marketer',
    '/v1/imports/upload',
    { table: 'products', mapping: '{"product_id":"sku"}' },
    { name: 'catalogue.csv', text: 'sku,name,price\np8,Vase,7\n' },
  );
  assert.equal(ok.statusCode, 202, ok.body);
  const job = await finished(ok.json().job.jobId);
  assert.equal(job.status, 'succeeded', String(job.error));
  assert.equal((job.result as { file: string }).file, 'catalogue.csv');
  const saved = (job.input as { file: string }).file;
  for (let i = 0; i < 100 && existsSync(saved); i++) await new Promise((res) => setTimeout(res, 20));
  assert.equal(existsSync(saved), false, 'the uploaded copy is deleted when the job ends');
  assert.equal((await h.store.one<{ name: string }>(`SELECT name FROM products WHERE product_id = 'p8'`))?.name, 'Vase');

  const bad = await upload(
    'admin',
    '/v1/imports/upload',
    { table: 'products', dryRun: 'true' },
    { name: 'prices.csv', text: 'product_id,price\np9,-3\n' },
  );
  const failed = await finished(bad.json().job.jobId);
  assert.equal(failed.status, 'failed');
  assert.match(String(failed.error), /^prices\.csv:2: column price/m);

  const tiny = { name: 'x.csv', text: 'product_id\np1\n' };
  assert.equal((await upload('viewer', '/v1/imports/upload', { table: 'products' }, tiny)).statusCode, 403);
  const invalid = await upload('marketer', '/v1/imports/upload', { table: 'products', dryRun: 'maybe' }, tiny);
  assert.equal(invalid.statusCode, 400);
  assert.equal(invalid.json().details[0].field, 'body.dryRun');
  const unknown = await upload('marketer', '/v1/imports/upload', { tabel: 'products' }, tiny);
  assert.equal(unknown.json().details[0].field, 'body.tabel');
});

test('mapping preview: columns, first rows, suggested mapping, missing required columns', async () => {
  const file = writeText(
    dir,
    'shop.csv',
    'Order,Sku,Client,Qty,Price,When\no1,p1,c1,1,2,2021-01-01\no2,p2,c2,1,3,2021-01-02\no3,p3,c3,1,5,2021-01-03\n',
  );
  const r = await h.call('marketer', 'POST', '/v1/imports/preview', {
    table: 'order_lines',
    file,
    rows: 2,
    map: { order_id: 'Order', ts: 'When' },
  });
  assert.equal(r.statusCode, 200, r.body);
  const p = r.json();
  assert.deepEqual(
    p.columns.map((c: { name: string }) => c.name),
    ['Order', 'Sku', 'Client', 'Qty', 'Price', 'When'],
  );
  assert.equal(p.rows.length, 2);
  assert.deepEqual(p.rows[1], { Order: 'o2', Sku: 'p2', Client: 'c2', Qty: '1', Price: '3', When: '2021-01-02' });
  assert.deepEqual(p.mapping, { order_id: 'Order', ts: 'When' });
  // quantity and unit_price are not missing: the import computes them when absent (orderLineFallbacks.ts)
  assert.deepEqual(p.missing, ['product_id', 'customer_id']);
  assert.equal(p.dialect.delimiter, ',');
  assert.equal((await h.call('viewer', 'POST', '/v1/imports/preview', { table: 'order_lines', file })).statusCode, 403);
  const bad = await h.call('marketer', 'POST', '/v1/imports/preview', { table: 'orders', file });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().details[0].field, 'body.table');

  const sample = await upload(
    'marketer',
    '/v1/imports/preview/upload',
    { table: 'customers' },
    { name: 'crm.csv', text: 'Customer_ID,tier\nc1,gold\n' },
  );
  assert.equal(sample.statusCode, 200, sample.body);
  const { file: name, mapping, unused } = sample.json();
  assert.deepEqual([name, mapping, unused], ['crm.csv', { customer_id: 'Customer_ID' }, ['tier']]);
});

test('config: shown to readers, set by admins only, checked against the store', async () => {
  const set = await h.call('admin', 'PUT', '/v1/config/hierarchy', { value: 'department,family' });
  assert.equal(set.statusCode, 200, set.body);
  assert.deepEqual(set.json(), { key: 'hierarchy', value: ['department', 'family'] });
  const show = await h.call('viewer', 'GET', '/v1/config');
  assert.deepEqual(show.json().hierarchy, ['department', 'family']);
  assert.equal((await h.call('marketer', 'PUT', '/v1/config/hierarchy', { value: 'family' })).statusCode, 403);
  const missing = await h.call('admin', 'PUT', '/v1/config/hierarchy', {});
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json().details[0].field, 'body.value');
  const unknown = await h.call('admin', 'PUT', '/v1/config/hierarchy', { value: 'colour' });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json().message, /products have no column colour/);
  assert.equal((await h.call('service', 'GET', '/v1/config')).statusCode, 403);
});

test('the OpenAPI document lists the data routes', async () => {
  const doc = (await h.call(null, 'GET', '/v1/openapi.json')).json();
  for (const p of ['/v1/imports', '/v1/imports/upload', '/v1/imports/preview', '/v1/data/tables', '/v1/customers', '/v1/order-lines']) {
    assert.ok(doc.paths[p], p);
  }
});
