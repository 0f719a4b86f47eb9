// Product recommendations and models through the API: recommend (table and server-side file),
// train then reuse the saved state, evaluate and tune jobs, models list/show — on a tiny store kept
// in a file, so the model state file beside it is exercised from the job's worker thread.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { apiHarness, type ApiHarness } from '../helpers/apiHarness.ts';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';
import { RECS_COLUMNS } from '../../src/recs/recsOutput.ts';

let h: ApiHarness;
let dir: string;
let db: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nb-api-recs-'));
  db = join(dir, 'tiny.duckdb');
  h = await apiHarness(await tinyRetailStore(db));
});
after(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Waits until the job has fully ended — its lock released too, which polling GET /v1/jobs/:id can
 * see a moment before — so the next job on the same model is not refused as busy.
 */
const ended = (jobId: string) => h.ctx.jobs.wait(jobId);

/** Starts a job as `role`, waits for it, and returns its record (asserting it succeeded). */
async function runJob(method: string, url: string, body: unknown, role: 'marketer' | 'admin' = 'marketer') {
  const r = await h.call(role, method, url, body);
  assert.equal(r.statusCode, 202, r.body);
  const job = await ended(r.json().job.jobId);
  assert.equal(job.status, 'succeeded', String(job.error));
  return job;
}

test('recommend to the table runs as a job, saves the model state beside the store and the settings', async () => {
  const job = await runJob('POST', '/v1/recommendations', { target: 'table', top: 2 });
  const res = job.result as { customers: number; rows: number; target: string; model: string; asOf: string };
  assert.equal(res.customers, 4);
  assert.equal(res.rows, 8);
  assert.equal(res.target, 'table product_recommendations');
  assert.equal(res.asOf, '2021-03-02T00:00:00.000Z');
  assert.ok(existsSync(`${db}.${res.model}.model`), 'the worker saved the state at store.path + suffix');
  const n = await h.store.one<{ n: bigint }>(`SELECT count(*) AS n FROM product_recommendations`);
  assert.equal(Number(n!.n), 8);
  const saved = await h.store.one<{ value: string }>(`SELECT value::VARCHAR AS value FROM meta WHERE key = 'product_recommendations'`);
  assert.equal(JSON.parse(saved!.value).top, 2);
  // the default model is auto: the job says what it chose, and GET /v1/models/auto shows the same choice
  const auto = (job.result as { requested: string; auto: { chosen: string; variant: string; note: string | null } }).auto;
  assert.equal((job.result as { requested: string }).requested, 'auto');
  assert.equal(auto.chosen, res.model);
  assert.equal(auto.variant, 'all');
  assert.match(auto.note!, /too few to compare/, 'four customers: the baseline, with the reason');
  const shown = (await h.call('viewer', 'GET', '/v1/models/auto')).json();
  assert.equal(shown.auto.all.chosen, res.model);
  assert.equal(shown.auto.new, null);
});

test('recommend to a server-side CSV writes the DinMo columns with the asked attribute', async () => {
  const csv = join(dir, 'recs.csv');
  const job = await runJob('POST', '/v1/recommendations', {
    target: csv,
    top: 3,
    attributes: ['family'],
    model: 'popularity',
    excludePurchased: true,
  });
  assert.equal((job.result as { target: string }).target, csv);
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  assert.equal(lines[0], [...RECS_COLUMNS, 'family'].join(','));
  assert.ok(lines.length > 1);
  assert.ok(!lines.some((l) => l.startsWith('c1:') && l.includes(',p1,')), 'c1 bought p1: excluded');
});

test('recommend refuses bad input with a 400 naming the field; unknown attributes fail the job as a user error', async () => {
  const zero = await h.call('marketer', 'POST', '/v1/recommendations', { target: 'table', top: 0 });
  assert.equal(zero.statusCode, 400);
  assert.equal(zero.json().details[0].field, 'body.top');
  const rel = await h.call('marketer', 'POST', '/v1/recommendations', { target: 'recs.csv' });
  assert.equal(rel.statusCode, 400);
  assert.equal(rel.json().details[0].field, 'body.target');
  const date = await h.call('marketer', 'POST', '/v1/recommendations', { target: 'table', asOf: '2021-13-01' });
  assert.equal(date.json().details[0].field, 'body.asOf');
  const r = await h.call('marketer', 'POST', '/v1/recommendations', { target: 'table', attributes: ['colour'], model: 'popularity' });
  const job = await ended(r.json().job.jobId);
  assert.equal(job.status, 'failed');
  assert.equal(job.errorName, 'UserError');
  const nowhere = await h.call('marketer', 'POST', '/v1/recommendations', { target: join(dir, 'missing', 'r.csv'), model: 'popularity' });
  const j2 = await ended(nowhere.json().job.jobId);
  assert.match(String(j2.error), /no folder/);
});

test('jobs that write are refused to viewer and service keys (403)', async () => {
  const bodies: [string, unknown][] = [
    ['/v1/recommendations', { target: 'table' }],
    ['/v1/models/evaluate', {}],
    ['/v1/models/tune', { model: 'popularity' }],
    ['/v1/models/train', {}],
  ];
  for (const [url, body] of bodies) {
    for (const role of ['viewer', 'service'] as const) {
      assert.equal((await h.call(role, 'POST', url, body)).statusCode, 403, `${role} ${url}`);
    }
  }
});

test('train saves the state; the next recommend loads it instead of fitting again', async () => {
  const job = await runJob('POST', '/v1/models/train', { model: 'itemKnn' });
  const res = job.result as { model: string; customers: number; saved: boolean; entries: number };
  assert.deepEqual([res.model, res.customers, res.saved], ['itemKnn', 4, true]);
  const file = `${db}.itemKnn.model`;
  const fitted = statSync(file).mtimeMs;
  await runJob('POST', '/v1/recommendations', { target: 'table', model: 'itemKnn' });
  assert.equal(statSync(file).mtimeMs, fitted, 'recommend reused the trained state (no refit, no rewrite)');
  const bad = await h.call('marketer', 'POST', '/v1/models/train', { asOf: 'yesterday' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().details[0].field, 'body.asOf');
  const unknown = await h.call('marketer', 'POST', '/v1/models/train', { model: 'nope' });
  assert.equal((await ended(unknown.json().job.jobId)).errorName, 'UserError');
});

test('evaluate stores the quality that models list and show return, readable by a viewer', async () => {
  const before = (await h.call('viewer', 'GET', '/v1/models/popularity')).json();
  assert.equal(before.quality, null);
  const job = await runJob('POST', '/v1/models/evaluate', { models: ['popularity'], k: 2, asOf: '2021-02-01' });
  const report = job.result as { asOf: string; k: number; rows: { model: string; variant: string }[] };
  assert.equal(report.k, 2);
  assert.deepEqual(
    report.rows.map((r) => r.variant),
    ['all', 'new'],
  );
  const list = await h.call('viewer', 'GET', '/v1/models');
  assert.equal(list.statusCode, 200);
  const pop = (list.json() as { name: string; tunable: boolean; quality: { k: number } | null }[]).find((m) => m.name === 'popularity')!;
  assert.equal(pop.quality!.k, 2);
  const show = (await h.call('viewer', 'GET', '/v1/models/popularity')).json();
  assert.deepEqual(Object.keys(show), ['name', 'config', 'quality']);
  assert.equal(show.quality.asOf, report.asOf);
  assert.equal((await h.call('viewer', 'GET', '/v1/models/nope')).statusCode, 404);
  assert.equal((await h.call('service', 'GET', '/v1/models')).statusCode, 403);
  const k0 = await h.call('marketer', 'POST', '/v1/models/evaluate', { k: 0 });
  assert.equal(k0.statusCode, 400);
  assert.equal(k0.json().details[0].field, 'body.k');
});

test('tune saves the best config, shown by models show', async () => {
  const job = await runJob('POST', '/v1/models/tune', { model: 'popularity', validationDays: 30 });
  const res = job.result as { model: string; best: Record<string, number>; trials: unknown[] };
  assert.ok(res.trials.length > 0);
  const show = (await h.call('viewer', 'GET', '/v1/models/popularity')).json();
  assert.deepEqual(show.config, res.best);
  const bad = await h.call('marketer', 'POST', '/v1/models/tune', { model: 'popularity', validationDays: 3 });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().details[0].field, 'body.validationDays');
});
