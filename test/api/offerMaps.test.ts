// Segment → offer maps and message templates through the API: save (errors at line and field),
// list/show/delete, a TOR applying a map, its results naming segment, rule and message.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiHarness, type ApiHarness } from '../helpers/apiHarness.ts';
import { insertSegment } from '../../src/segments/segmentTable.ts';

let h: ApiHarness;
before(async () => {
  h = await apiHarness();
  assert.equal((await h.call('marketer', 'POST', '/v1/offers/from-attribute', { attribute: 'family' })).statusCode, 200);
  await insertSegment(h.store, { id: 'repeaters', name: 'Repeaters', description: 'two or more orders', expression: 'frequency >= 2' });
});
after(async () => {
  await h.close();
});

test('save: marketers only; a bad map is a 400 naming line and field; list, show and delete', async () => {
  const source = 'id: playbook\nrules:\n  - segment: repeaters\n    forbid: [family=candles]\n';
  assert.equal((await h.call('viewer', 'POST', '/v1/offer-maps', { source })).statusCode, 403);
  const bad = await h.call('marketer', 'POST', '/v1/offer-maps', {
    source: 'id: x\nrules:\n  - segment: repeaters\n    forbidd: []\n',
    file: 'x.yaml',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().message, /x\.yaml:4: column 5 \(rules\.0\.forbidd\): Unrecognized key/);
  const ok = await h.call('marketer', 'POST', '/v1/offer-maps', { source });
  assert.equal(ok.statusCode, 200, ok.body);
  const list = (await h.call('viewer', 'GET', '/v1/offer-maps')).json();
  assert.deepEqual(
    list.map((m: { id: string; rules: number }) => [m.id, m.rules]),
    [['playbook', 1]],
  );
  assert.equal((await h.call('viewer', 'GET', '/v1/offer-maps/playbook')).json().source, source);
  assert.equal((await h.call('viewer', 'GET', '/v1/offer-maps/none')).statusCode, 404);
});

test('a TOR applying the map: results carry segment, rule and message; the map cannot be deleted while used', async () => {
  const msg = await h.call('marketer', 'PUT', '/v1/offers/family=mugs/message', {
    template: 'Since you bought {{product}}, {{value|a treat}} on {{scope}}',
  });
  assert.equal(msg.statusCode, 200, msg.body);
  const badMsg = await h.call('marketer', 'PUT', '/v1/offers/family=mugs/message', { template: 'Hi {{firstname}}' });
  assert.equal(badMsg.statusCode, 400);
  assert.match(badMsg.json().message, /template: character 4: unknown placeholder/);
  const created = await h.call('marketer', 'POST', '/v1/tors', {
    name: 'mapped',
    offers: ['family=candles', 'family=mugs'],
    perCustomer: 1,
    model: 'frequency',
    offerMap: 'playbook',
  });
  assert.equal(created.statusCode, 200, created.body);
  const id = created.json().torId;
  const job = await h.call('marketer', 'POST', `/v1/tors/${id}/compute`, {});
  assert.ok([200, 202].includes(job.statusCode), job.body);
  let results;
  for (let i = 0; i < 100; i++) {
    results = (await h.call('viewer', 'GET', `/v1/tors/${id}/results?customer=c1`)).json();
    if (results.rows?.length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(
    results.rows.map((r: Record<string, unknown>) => [r.offerId, r.segment, r.mapRule, r.message]),
    [['family=mugs', 'repeaters', 'repeaters', 'Since you bought Mug, a treat on mugs']],
  );
  const del = await h.call('marketer', 'DELETE', '/v1/offer-maps/playbook');
  assert.equal(del.statusCode, 409);
  assert.match(del.json().message, new RegExp(`applied by TOR\\(s\\) ${id}`));
});
