// The distributed option on the REST route of tor.compute: validated by the op's schema, and an API
// key may share only the server's allowed folders with workers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiHarness } from '../helpers/apiHarness.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { syntheticStore } from './syntheticTorStore.ts';

test('POST /v1/tors/:id/compute with distributed: shared folder outside --files → 403, bad shard count → 400', async () => {
  const s = await syntheticStore();
  const tor = await createTor(s, { name: 'p', offers: ['family=f0', 'family=f1'], perCustomer: 1, model: 'frequency' });
  const h = await apiHarness(s);
  try {
    const url = `/v1/tors/${tor.torId}/compute`;
    const outside = await h.call('admin', 'POST', url, { distributed: { redis: 'redis://127.0.0.1:6379', shards: 2, shared: '/etc' } });
    assert.equal(outside.statusCode, 403, outside.body);
    assert.match(outside.json().error.message ?? outside.body, /files only under .*'\/etc' is outside/);
    const bad = await h.call('admin', 'POST', url, { distributed: { redis: 'redis://127.0.0.1:6379', shards: 0, shared: '/tmp' } });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.body, /shards/);
  } finally {
    await h.close();
  }
});
