// The TOR lifecycle through the API: create → compute (job) → results → export (job) → history →
// rename → delete; field-named validation errors, roles, unknown TORs, and 409 while a job holds it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { apiHarness, waitForJob, type ApiHarness } from '../helpers/apiHarness.ts';

let h: ApiHarness;
const dir = mkdtempSync(join(tmpdir(), 'nb-api-tor-'));
const OFFERS = ['family=bags', 'family=candles', 'family=mugs'];

before(async () => {
  h = await apiHarness();
  await offersFromAttribute(h.store, 'family');
});
after(async () => {
  await h.close();
});

async function createTor(name: string): Promise<string> {
  const r = await h.call('marketer', 'POST', '/v1/tors', { name, offers: OFFERS, perCustomer: 2, model: 'frequency' });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().torId as string;
}

async function runJob(url: string, body?: unknown): Promise<Record<string, unknown>> {
  const r = await h.call('marketer', 'POST', url, body);
  assert.equal(r.statusCode, 202, r.body);
  return waitForJob(h, r.json().job.jobId);
}

test('create → compute → results → export → exports → rename → delete', async () => {
  const c = await h.call('marketer', 'POST', '/v1/tors', {
    name: 'Spring',
    offers: OFFERS,
    perCustomer: 2,
    model: 'frequency',
    guardrails: { suppressionDays: 14 },
    limits: { max: { 'family=mugs': 3 } },
    excludeCustomers: ['c9'],
  });
  assert.equal(c.statusCode, 200, c.body);
  const tor = c.json();
  assert.match(tor.torId, /^tor-\d+$/);
  assert.equal(tor.status, 'draft');
  assert.deepEqual(tor.audienceCount, { included: 4, addressable: 4 });
  assert.equal(tor.settings.guardrails.suppressionDays, 14);
  const id = tor.torId as string;

  assert.equal((await runJob(`/v1/tors/${id}/compute`)).status, 'succeeded');
  const show = (await h.call('viewer', 'GET', `/v1/tors/${id}`)).json();
  assert.equal(show.tor.status, 'ready');
  assert.deepEqual(
    show.volumes.map((v: { offerId: string }) => v.offerId),
    OFFERS,
  );
  assert.ok(
    show.volumes.every((v: { name: string; volumes: number[] }) => v.name && v.volumes.length === 2),
    'names and one volume per priority',
  );
  assert.equal(
    show.volumes.reduce((a: number, v: { total: number }) => a + v.total, 0),
    8,
    '4 customers × 2 priorities',
  );

  const p1 = (await h.call('viewer', 'GET', `/v1/tors/${id}/results?page=1&pageSize=3`)).json();
  assert.equal(p1.total, 8);
  assert.equal(p1.rows.length, 3);
  assert.deepEqual(Object.keys(p1.rows[0]).sort(), [
    'customerId',
    'mapRule',
    'message',
    'offerId',
    'offerName',
    'priority',
    'reason',
    'score',
    'segment',
  ]);
  assert.deepEqual([p1.rows[0].customerId, p1.rows[0].priority, p1.rows[1].priority], ['c1', 1, 2]);
  assert.ok(p1.rows[0].offerName && typeof p1.rows[0].score === 'number');
  assert.equal((await h.call('viewer', 'GET', `/v1/tors/${id}/results?page=3&pageSize=3`)).json().rows.length, 2);
  const c1 = (await h.call('viewer', 'GET', `/v1/tors/${id}/results?customer=c1`)).json();
  assert.equal(c1.total, 2);
  assert.ok(c1.rows.every((r: { customerId: string }) => r.customerId === 'c1'));

  const out = join(dir, 'spring.csv');
  const job = await runJob(`/v1/tors/${id}/export`, { target: out, layout: 'long' });
  assert.equal(job.status, 'succeeded', String(job.error));
  assert.equal((job.result as { rows: number }).rows, 8);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'customer_id,priority,offer_id,score');
  assert.equal(lines.length, 9);
  const hist = (await h.call('viewer', 'GET', `/v1/tors/${id}/exports`)).json();
  assert.equal(hist.length, 1);
  assert.deepEqual([hist[0].status, hist[0].target, hist[0].rows], ['ok', out, 8]);
  assert.equal((await h.call('viewer', 'GET', `/v1/exports?torId=${id}`)).json().length, 1);

  const renamed = await h.call('marketer', 'PATCH', `/v1/tors/${id}`, { name: 'Spring v2' });
  assert.equal(renamed.statusCode, 200, renamed.body);
  assert.deepEqual([renamed.json().name, renamed.json().status], ['Spring v2', 'exported'], 'a rename keeps the status');
  const edited = (await h.call('marketer', 'PATCH', `/v1/tors/${id}`, { perCustomer: 1, guardrails: { maxContacts: 2 } })).json();
  assert.equal(edited.status, 'draft', 'a settings change makes the results stale');
  assert.deepEqual(
    edited.settings.guardrails,
    { suppressionDays: 14, maxContacts: 2 },
    'guardrails given are merged onto the current ones',
  );

  const del = await h.call('marketer', 'DELETE', `/v1/tors/${id}`);
  assert.equal(del.statusCode, 200, del.body);
  assert.equal((await h.call('viewer', 'GET', `/v1/tors/${id}`)).statusCode, 404);
  assert.equal((await h.call('viewer', 'GET', `/v1/exports?torId=${id}`)).json().length, 1, 'the history outlives the TOR');
});

test('an auto-selected TOR; exporting a Draft fails in its job; service checks answer 400', async () => {
  const c = await h.call('marketer', 'POST', '/v1/tors', {
    name: 'Auto',
    auto: { rule: 'top-revenue', count: 2, window: 'all' },
    perCustomer: 1,
  });
  assert.equal(c.statusCode, 200, c.body);
  assert.deepEqual(c.json().offers, ['family=bags', 'family=candles']);
  const id = c.json().torId as string;
  const early = await runJob(`/v1/tors/${id}/export`, { target: join(dir, 'early.csv') });
  assert.equal(early.status, 'failed');
  assert.equal(early.errorName, 'ConflictError', 'a Draft TOR has nothing to export');
  const both = await h.call('marketer', 'POST', '/v1/tors', {
    name: 'x',
    offers: OFFERS,
    auto: { rule: 'top-revenue', count: 2 },
    perCustomer: 1,
  });
  assert.equal(both.statusCode, 400);
  assert.match(both.json().message, /either --offer ID… or --auto RULE/);
  const unknown = await h.call('marketer', 'POST', '/v1/tors', { name: 'x', offers: ['nope'], perCustomer: 1 });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json().message, /unknown offer id\(s\): nope/);
});

test('validation errors name the field', async () => {
  const id = await createTor('fields');
  const cases: [string, string, unknown, string][] = [
    ['POST', '/v1/tors', { name: 'x', offers: OFFERS, perCustomer: 7 }, 'body.perCustomer'],
    ['POST', '/v1/tors', { offers: OFFERS, perCustomer: 1 }, 'body.name'],
    ['POST', '/v1/tors', { name: 'x', offers: OFFERS, perCustomer: 1, asOf: '2021-13-45' }, 'body.asOf'],
    ['POST', '/v1/tors', { name: 'x', auto: { rule: 'best', count: 2 }, perCustomer: 1 }, 'body.auto.rule'],
    ['PATCH', `/v1/tors/${id}`, { guardrails: { suppressionDays: -1 } }, 'body.guardrails.suppressionDays'],
    ['PATCH', `/v1/tors/${id}`, { objective: 'fame' }, 'body.objective'],
    ['POST', `/v1/tors/${id}/export`, { target: 'relative.csv' }, 'body.target'],
    ['POST', `/v1/tors/${id}/export`, { target: join(dir, 'x.csv'), layout: 'tall' }, 'body.layout'],
    ['GET', `/v1/tors/${id}/results?pageSize=0`, undefined, 'query.pageSize'],
  ];
  for (const [method, url, body, field] of cases) {
    const r = await h.call('marketer', method, url, body);
    assert.equal(r.statusCode, 400, `${method} ${url}: ${r.body}`);
    assert.equal(r.json().error, 'validation');
    assert.equal(r.json().details[0].field, field, `${method} ${url}`);
  }
  const minMax = await h.call('marketer', 'PATCH', `/v1/tors/${id}`, { limits: { min: { 'family=bags': 5 }, max: { 'family=bags': 2 } } });
  assert.equal(minMax.statusCode, 400);
  assert.match(minMax.json().message, /family=bags: --min 5 is above --max 2/);
});

test('viewers and service keys cannot write; unknown TORs are 404', async () => {
  const id = await createTor('roles');
  const writes: [string, string, unknown][] = [
    ['POST', '/v1/tors', { name: 'x', offers: OFFERS, perCustomer: 1 }],
    ['PATCH', `/v1/tors/${id}`, { name: 'y' }],
    ['DELETE', `/v1/tors/${id}`, undefined],
    ['POST', `/v1/tors/${id}/export`, { target: join(dir, 'v.csv') }],
  ];
  for (const [method, url, body] of writes) assert.equal((await h.call('viewer', method, url, body)).statusCode, 403, `${method} ${url}`);
  assert.equal((await h.call('service', 'GET', `/v1/tors/${id}/results`)).statusCode, 403);
  assert.equal((await h.call('viewer', 'GET', `/v1/tors/${id}/results`)).statusCode, 200);
  for (const [method, url, body] of [
    ['GET', '/v1/tors/tor-404/results', undefined],
    ['GET', '/v1/tors/tor-404/exports', undefined],
    ['PATCH', '/v1/tors/tor-404', { name: 'z' }],
    ['DELETE', '/v1/tors/tor-404', undefined],
  ] as [string, string, unknown][]) {
    const r = await h.call('marketer', method, url, body);
    assert.equal(r.statusCode, 404, `${method} ${url}`);
    assert.equal(r.json().error, 'not_found');
  }
  const exp = await runJob('/v1/tors/tor-404/export', { target: join(dir, 'none.csv') });
  assert.equal(exp.errorName, 'NotFoundError');
});

test('while a job computes a TOR, edit, delete and export are refused with 409', async () => {
  const id = await createTor('busy');
  const started = await h.call('marketer', 'POST', `/v1/tors/${id}/compute`);
  assert.equal(started.statusCode, 202);
  // The worker thread takes far longer to start than these in-process requests.
  const refused = [
    await h.call('marketer', 'PATCH', `/v1/tors/${id}`, { name: 'renamed' }),
    await h.call('marketer', 'DELETE', `/v1/tors/${id}`),
    await h.call('marketer', 'POST', `/v1/tors/${id}/export`, { target: join(dir, 'busy.csv') }),
    await h.call('marketer', 'POST', `/v1/tors/${id}/compute`),
  ];
  assert.deepEqual(
    refused.map((r) => r.statusCode),
    [409, 409, 409, 409],
    refused.map((r) => r.body).join('\n'),
  );
  assert.match(refused[0].json().message, /tor .* is busy with job/);
  assert.equal((await waitForJob(h, started.json().job.jobId)).status, 'succeeded');
  assert.equal((await h.call('marketer', 'PATCH', `/v1/tors/${id}`, { name: 'renamed' })).statusCode, 200, 'free again once the job ended');
});
