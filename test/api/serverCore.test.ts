// The server core through app.inject: authentication, roles before validation, errors, jobs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiHarness, waitForJob, type ApiHarness } from '../helpers/apiHarness.ts';

let h: ApiHarness;
before(async () => {
  h = await apiHarness();
});
after(async () => {
  await h.close();
});

test('health and readiness need no key; /v1 needs one', async () => {
  assert.equal((await h.call(null, 'GET', '/healthz')).statusCode, 200);
  assert.equal((await h.call(null, 'GET', '/readyz')).statusCode, 200);
  const r = await h.call(null, 'GET', '/v1/tors');
  assert.equal(r.statusCode, 401);
  assert.deepEqual(Object.keys(r.json()).sort(), ['error', 'message']);
  const bad = await h.app.inject({ method: 'GET', url: '/v1/tors', headers: { authorization: 'Bearer nb_nope' } });
  assert.equal(bad.statusCode, 401);
});

test('a role without access gets 403 before validation or lookup', async () => {
  // invalid body AND unknown TOR: the viewer still only learns "forbidden"
  const r = await h.call('viewer', 'POST', '/v1/tors/nope/compute', { junk: 1 });
  assert.equal(r.statusCode, 403);
  assert.equal(r.json().error, 'forbidden');
  assert.equal((await h.call('service', 'GET', '/v1/tors')).statusCode, 403);
  assert.equal((await h.call('marketer', 'GET', '/v1/keys')).statusCode, 403);
  assert.equal((await h.call('viewer', 'GET', '/v1/tors')).statusCode, 200);
});

test('validation errors name the field', async () => {
  const r = await h.call('admin', 'POST', '/v1/keys', { role: 'superuser' });
  assert.equal(r.statusCode, 400);
  const body = r.json();
  assert.equal(body.error, 'validation');
  assert.equal(body.details[0].field, 'body.role');
  const q = await h.call('admin', 'GET', '/v1/audit?limit=zero');
  assert.equal(q.statusCode, 400);
  assert.match(q.json().details[0].field, /^query\.limit/);
});

test('keys: created once, listed without the secret, revoked keys refused, audit records it', async () => {
  const c = await h.call('admin', 'POST', '/v1/keys', { role: 'viewer', name: 'temp' });
  assert.equal(c.statusCode, 200);
  const { key, keyId } = c.json();
  assert.match(key, /^nb_/);
  const list = await h.call('admin', 'GET', '/v1/keys');
  assert.ok(!JSON.stringify(list.json()).includes(key));
  const use = await h.app.inject({ method: 'GET', url: '/v1/tors', headers: { authorization: `Bearer ${key}` } });
  assert.equal(use.statusCode, 200);
  assert.equal((await h.call('admin', 'DELETE', `/v1/keys/${keyId}`)).statusCode, 200);
  const again = await h.app.inject({ method: 'GET', url: '/v1/tors', headers: { authorization: `Bearer ${key}` } });
  assert.equal(again.statusCode, 401);
  const audit = (await h.call('admin', 'GET', '/v1/audit?action=keys.')).json() as { action: string; outcome: string }[];
  assert.ok(audit.some((a) => a.action === 'keys.revoke' && a.outcome === 'ok'));
  assert.equal((await h.call('viewer', 'GET', '/v1/audit')).statusCode, 403);
});

test('sessions: password sign-in sets an HttpOnly SameSite=Strict cookie; writes need the CSRF token', async () => {
  assert.equal(
    (await h.call('admin', 'POST', '/v1/users', { username: 'alice', password: 'correct horse', role: 'admin' })).statusCode,
    200,
  );
  const wrong = await h.app.inject({ method: 'POST', url: '/v1/session', payload: { username: 'alice', password: 'nope-nope' } });
  assert.equal(wrong.statusCode, 401);
  const ok = await h.app.inject({ method: 'POST', url: '/v1/session', payload: { username: 'alice', password: 'correct horse' } });
  assert.equal(ok.statusCode, 200);
  const setCookie = String(ok.headers['set-cookie']);
  assert.match(setCookie, /HttpOnly/i);
  assert.match(setCookie, /SameSite=Strict/i);
  const cookie = setCookie.split(';')[0];
  const { csrfToken } = ok.json();
  assert.equal((await h.app.inject({ method: 'GET', url: '/v1/tors', headers: { cookie } })).statusCode, 200);
  const noCsrf = await h.app.inject({ method: 'POST', url: '/v1/keys', headers: { cookie }, payload: { role: 'viewer' } });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(noCsrf.json().error, 'csrf');
  const withCsrf = await h.app.inject({
    method: 'POST',
    url: '/v1/keys',
    headers: { cookie, 'x-csrf-token': csrfToken },
    payload: { role: 'viewer' },
  });
  assert.equal(withCsrf.statusCode, 200);
  await h.app.inject({ method: 'DELETE', url: '/v1/session', headers: { cookie, 'x-csrf-token': csrfToken } });
  assert.equal((await h.app.inject({ method: 'GET', url: '/v1/tors', headers: { cookie } })).statusCode, 401);
});

test('unknown job and unknown route: JSON 404s', async () => {
  const j = await h.call('viewer', 'GET', '/v1/jobs/job-nope');
  assert.equal(j.statusCode, 404);
  assert.equal(j.json().error, 'not_found');
  assert.equal((await h.call('admin', 'GET', '/v1/nothing-here')).statusCode, 404);
});

test('a failing job ends failed with the error, not a stack trace', async () => {
  const r = await h.call('marketer', 'POST', '/v1/tors/tor-404/compute');
  assert.equal(r.statusCode, 202);
  assert.match(r.headers.location as string, /^\/v1\/jobs\//);
  const job = await waitForJob(h, r.json().job.jobId);
  assert.equal(job.status, 'failed');
  assert.equal(job.errorName, 'NotFoundError');
  assert.doesNotMatch(String(job.error), /at .*\.ts:\d+/);
});

test('the OpenAPI document lists every op route', async () => {
  const doc = (await h.call(null, 'GET', '/v1/openapi.json')).json();
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/v1/tors/{id}/compute'].post);
  assert.equal((await h.call(null, 'GET', '/docs/')).statusCode, 200);
});

test('rate limit per key: over the limit → 429 JSON; other keys unaffected', async () => {
  const { apiHarness: make } = await import('../helpers/apiHarness.ts');
  const small = await make(undefined, { rateLimit: 5 });
  try {
    const codes = [];
    for (let i = 0; i < 7; i++) codes.push((await small.call('viewer', 'GET', '/v1/tors')).statusCode);
    assert.deepEqual(codes.slice(0, 5), [200, 200, 200, 200, 200]);
    assert.equal(codes[6], 429);
    const limited = await small.call('viewer', 'GET', '/v1/tors');
    assert.equal(limited.json().error, 'rate_limited');
    assert.equal((await small.call('marketer', 'GET', '/v1/tors')).statusCode, 200);
  } finally {
    await small.close();
  }
});

test('API callers reach only the allowed folders; the local CLI token is not limited', async () => {
  const r = await h.call('admin', 'POST', '/v1/imports', { table: 'customers', file: '/etc/passwd' });
  assert.equal(r.statusCode, 403);
  assert.match(r.json().message, /only under .*--files DIR/);
  const out = await h.call('marketer', 'POST', '/v1/recommendations', { target: '/usr/local/recs.csv' });
  assert.equal(out.statusCode, 403);
  const local = await h.app.inject({
    method: 'POST',
    url: '/v1/imports',
    headers: { authorization: `Bearer ${h.ctx.principals['localToken' as never]}` },
    payload: { table: 'customers', file: '/etc/hostname-does-not-exist.csv' },
  });
  assert.notEqual(local.statusCode, 403);
});
