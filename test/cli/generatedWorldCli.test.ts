// The whole product on a generated world, through the CLI only: generate → import → offers →
// TOR (baseline and propensity) → export; product recommendations → ingest a purchase.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/runCli.ts';

test('CLI on a generated world: import, TOR, exports, recommendations, fresh after a purchase', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-world-'));
  const env = { NEXTBEST_DB: join(dir, 'w.duckdb') };
  const ok = (args: string[]) => {
    const r = runCli(args, env);
    assert.equal(r.code, 0, `${args.join(' ')}\n${r.stderr}`);
    return r;
  };
  ok(['generate', '--customers', '300', '--products', '200', '--months', '14', '--seed', '7', '--out', join(dir, 'world')]);
  for (const t of ['customers', 'products', 'order_lines', 'events', 'offers']) ok(['import', t, join(dir, 'world', `${t}.csv`)]);
  ok(['config', 'set', 'hierarchy', 'department,category']);
  const offers = JSON.parse(ok(['offers', 'from-attribute', 'category', '--json']).stdout) as string[];
  assert.ok(offers.length >= 10);
  assert.ok(offers.every((o) => o.startsWith('category=')));

  for (const model of ['baseline', 'propensity']) {
    const id = ok([
      'tor',
      'create',
      '--name',
      model,
      '--auto',
      'top-revenue',
      '--count',
      '8',
      '--window',
      'all',
      '--type',
      'category',
      '--per-customer',
      '3',
      '--model',
      model,
    ])
      .stdout.trim()
      .split('\n')
      .at(-1)!;
    ok(['tor', 'compute', id]);
    const ov = JSON.parse(ok(['tor', 'show', id, '--json']).stdout);
    assert.equal(ov.tor.status, 'ready');
    assert.ok(ov.customers > 200, `${model}: ${ov.customers} customers`);
    const perPriority = [0, 1, 2].map((p) => ov.volumes.reduce((a: number, v: { volumes: number[] }) => a + v.volumes[p], 0));
    assert.deepEqual(perPriority, [ov.customers, ov.customers, ov.customers], 'every customer gets 3 offers');
    if (model === 'propensity') assert.ok(ov.tor.quality.meanAuc > 0.5, `propensity quality AUC ${ov.tor.quality.meanAuc}`);
    const out = join(dir, `${model}.parquet`);
    ok(['tor', 'export', id, '--out', out, '--layout', 'wide']);
  }

  const recs = join(dir, 'recs.csv');
  ok(['recommend', '--top', '5', '--out', recs]);
  const rows = readFileSync(recs, 'utf8').trim().split('\n');
  assert.equal(rows[0], 'primary_key,user_unique_id,last_update_date,recommended_item_id,ranking,score');
  const first = rows.slice(1, 6).map((r) => r.split(','));
  assert.deepEqual(
    first.map((r) => r[4]),
    ['1', '2', '3', '4', '5'],
  );
  assert.equal(first[0][0], `${first[0][1]}:1`);
  assert.equal(Number(first[0][5]), 1);
  assert.ok(first.every((r) => Number(r[5]) >= 0 && Number(r[5]) <= 1));
  const customer = first[0][1];
  const r = runCli(['ingest', '--customer', customer, '--product', first[4][3], '--quantity', '2'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(runCli(['ingest', '--customer', customer, '--product', 'no-such-product'], env).code, 2);
});
