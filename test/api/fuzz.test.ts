// Abuse of the API (issue 12 §5): random JSON at every route of the OpenAPI document — random path ids,
// query strings and bodies, as the most powerful role — must give 4xx or 2xx, never a 5xx; oversized
// bodies are refused with 413 before any op runs. fast-check generates the inputs (seeded: a failure
// prints the seed and the shrunk request).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { apiHarness } from '../helpers/apiHarness.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';

interface Route {
  method: string;
  path: string;
}

const anyJson = fc.jsonValue({ maxDepth: 3 });
const fieldName = fc.constantFrom('id', 'name', 'offers', 'perCustomer', 'asOf', 'window', 'audience', 'target', 'control', 'limit', 'x');
const body = fc.oneof(anyJson, fc.dictionary(fieldName, anyJson, { maxKeys: 5 }));
const segment = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('tor-1', 'family=bags', 'c1', '..', '%00', 'a/b'));
const query = fc.dictionary(fieldName, fc.oneof(fc.string({ maxLength: 8 }), fc.integer().map(String)), { maxKeys: 3 });

/** Routes whose valid calls train a model, refresh every segment or start a worker thread (offThread ops): one run each. */
const HEAVY = new Set([
  '/v1/offers/insights',
  '/v1/offers/auto-select',
  '/v1/segments/refresh',
  '/v1/models/evaluate',
  '/v1/models/tune',
  '/v1/models/train',
  '/v1/recommend',
]);

function urlOf(path: string, ids: string[], q: Record<string, string>): string {
  let k = 0;
  const p = path.replace(/\{[^}]+\}/g, () => encodeURIComponent(ids[k++ % ids.length] || 'x'));
  const qs = new URLSearchParams(q).toString();
  return qs ? `${p}?${qs}` : p;
}

test('random JSON at every route: never a 5xx', async () => {
  const h = await apiHarness();
  try {
    await offersFromAttribute(h.store, 'family');
    const doc = (await h.call(null, 'GET', '/v1/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const routes: Route[] = [];
    for (const [path, ops] of Object.entries(doc.paths))
      for (const method of Object.keys(ops)) if (['get', 'post', 'patch', 'put', 'delete'].includes(method)) routes.push({ method, path });
    assert.ok(routes.length > 60, `${routes.length} routes`);
    const seen = new Map<number, number>();
    const slow: string[] = [];
    for (const r of routes) {
      const t0 = performance.now();
      await fc.assert(
        fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 3 }), query, body, async (ids, q, b) => {
          const res = await h.call('admin', r.method.toUpperCase(), urlOf(r.path, ids, q), r.method === 'get' ? undefined : b);
          seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode >= 500) throw new Error(`${r.method.toUpperCase()} ${r.path} → ${res.statusCode}: ${res.body.slice(0, 300)}`);
        }),
        { numRuns: HEAVY.has(r.path) ? 1 : 8, seed: 20261202 },
      );
      if (process.env.FUZZ_TIMES) slow.push(`${((performance.now() - t0) / 1000).toFixed(1)} ${r.method} ${r.path}`);
    }
    if (process.env.FUZZ_TIMES) console.log(slow.sort().reverse().slice(0, 12).join('\n'));
    // The runs exercised validation (400), lookups (404) and some successes.
    assert.ok((seen.get(400) ?? 0) > 0 && (seen.get(404) ?? 0) > 0, JSON.stringify([...seen]));
  } finally {
    await h.close();
  }
});

test('an oversized body is refused with 413 before any op runs', async () => {
  const h = await apiHarness();
  try {
    const big = { name: 'x'.repeat(11 * 1024 * 1024), offers: ['family=bags'], perCustomer: 1 };
    const r = await h.call('marketer', 'POST', '/v1/tors', big);
    assert.equal(r.statusCode, 413, r.body.slice(0, 200));
    assert.equal((await h.store.one<{ n: bigint }>(`SELECT count(*) AS n FROM tors`))!.n, 0n);
  } finally {
    await h.close();
  }
});
