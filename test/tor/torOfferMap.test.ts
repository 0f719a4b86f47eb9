// A TOR applying a segment → offer map: allow/forbid/boost per segment, value-tier intensity caps,
// personalised copy, and what the results and exports show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { editTor } from '../../src/tor/editTor.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { exportTorResults } from '../../src/export/exportTorResults.ts';
import { insertSegment } from '../../src/segments/segmentTable.ts';
import { saveOfferMap } from '../../src/offerMaps/saveOfferMap.ts';
import { putOfferMessage } from '../../src/store/offerMessageTable.ts';
import { torResultsPage } from '../../src/tor/torResultsPage.ts';
import { InputError } from '../../src/domain/errors.ts';
import type { Store } from '../../src/store/store.ts';

async function world(): Promise<Store> {
  const s = await tinyRetailStore();
  await offersFromAttribute(s, 'family');
  await s.run(`UPDATE offers SET value = CASE offer_id WHEN 'family=bags' THEN 30 WHEN 'family=mugs' THEN 10 ELSE 5 END`);
  // c1: 3 orders (candles ×2, mugs); c2 mugs; c3 bags; c4 bags. Value tiers by spend: c2, c4 low; c3 mid; c1 high.
  await insertSegment(s, { id: 'repeaters', name: 'Repeaters', description: 'two or more orders', expression: 'frequency >= 2' });
  await insertSegment(s, { id: 'singles', name: 'Singles', description: 'one order', expression: 'frequency = 1' });
  return s;
}

const rows = async (s: Store, torId: string) =>
  (await torResultsPage(s, torId, { page: 1, pageSize: 100 })).rows.map(
    (r) => `${r.customerId}:${r.offerId}:${r.segment ?? '-'}:${r.mapRule ?? '-'}`,
  );

test('a map forbids, caps by value tier, and every assignment says which segment and rule shaped it', async () => {
  const s = await world();
  const offers = ['family=candles', 'family=mugs', 'family=bags'];
  const plain = await createTor(s, { name: 'plain', offers, perCustomer: 1, model: 'frequency' });
  await computeTor(s, plain.torId);
  assert.deepEqual(
    (await rows(s, plain.torId)).map((r) => r.split(':').slice(0, 2).join(':')),
    ['c1:family=candles', 'c2:family=mugs', 'c3:family=bags', 'c4:family=bags'],
  );
  await saveOfferMap(
    s,
    [
      'id: playbook',
      'rules:',
      '  - segment: repeaters',
      '    forbid: [family=candles]',
      '  - segment: singles',
      '    boost: { family=mugs: 2 }',
      'intensity:',
      '  low: { max_value: 15 }',
      '',
    ].join('\n'),
  );
  const tor = await createTor(s, { name: 'mapped', offers, perCustomer: 1, model: 'frequency', extra: { offerMap: 'playbook' } });
  const sum = await computeTor(s, tor.torId);
  assert.deepEqual(await rows(s, tor.torId), [
    'c1:family=mugs:repeaters:repeaters', // candles forbidden for repeaters
    'c2:family=mugs:singles:singles: boost ×2',
    'c3:family=bags:singles:singles', // mid tier: bags' 30 % allowed
    'c4:family=mugs:singles:singles: boost ×2', // low tier: bags' 30 % > 15 removed
  ]);
  assert.equal(sum.excluded.offerMap, 1);
  assert.equal(sum.excluded.intensity, 2); // c2's and c4's bags
  // the long export gains the segment and rule columns
  const dir = await mkdtemp(join(tmpdir(), 'nb-map-'));
  await exportTorResults(s, { torId: tor.torId, layout: 'long', format: 'csv', target: { kind: 'local', path: join(dir, 'out.csv') } });
  const csv = (await readFile(join(dir, 'out.csv'), 'utf8')).trim().split('\n');
  assert.equal(csv[0], 'customer_id,priority,offer_id,score,segment,map_rule');
  assert.match(csv[2], /^c2,1,family=mugs,[^,]+,singles,singles: boost ×2$/);
  // removing the map gives the plain result back
  await editTor(s, tor.torId, { extra: { offerMap: null } });
  await computeTor(s, tor.torId);
  assert.deepEqual(
    (await rows(s, tor.torId)).map((r) => r.split(':').slice(0, 2).join(':')),
    ['c1:family=candles', 'c2:family=mugs', 'c3:family=bags', 'c4:family=bags'],
  );
  s.close();
});

test("personalised copy: the offer template, its fallback, and a segment's own message", async () => {
  const s = await world();
  await putOfferMessage(s, 'family=mugs', 'Since you bought {{product}}, enjoy {{value}}% off {{scope}}', '{{value}}% off {{scope}}');
  await saveOfferMap(s, 'id: copy\nrules:\n  - segment: singles\n    message: "Welcome back: {{value}}% off {{scope}}, {{segment}}"\n');
  const tor = await createTor(s, {
    name: 'copy',
    offers: ['family=mugs'],
    perCustomer: 1,
    model: 'frequency',
    extra: { offerMap: 'copy' },
  });
  await computeTor(s, tor.torId);
  const msg = Object.fromEntries(
    (await torResultsPage(s, tor.torId, { page: 1, pageSize: 100 })).rows.map((r) => [r.customerId, r.message]),
  );
  assert.equal(msg.c1, 'Since you bought Mug, enjoy 10% off mugs'); // c1 is in no rule's segment: the offer's template
  assert.equal(msg.c2, 'Welcome back: 10% off mugs, singles');
  const dir = await mkdtemp(join(tmpdir(), 'nb-msg-'));
  await exportTorResults(s, { torId: tor.torId, layout: 'long', format: 'csv', target: { kind: 'local', path: join(dir, 'out.csv') } });
  const csv = await readFile(join(dir, 'out.csv'), 'utf8');
  assert.match(csv.split('\n')[0], /,message$/);
  assert.match(csv, /Since you bought Mug, enjoy 10% off mugs/);
  s.close();
});

test('a map naming unknown segments or offers is refused at its line, and the stored map is unchanged', async () => {
  const s = await world();
  await saveOfferMap(s, 'id: p\nrules:\n  - segment: singles\n');
  const bad = 'id: p\nrules:\n  - segment: singles\n  - segment: nobody\n    allow: [family=shoes]\n';
  const e = await saveOfferMap(s, bad, 'p.yaml').catch((x) => x);
  assert.ok(e instanceof InputError);
  assert.deepEqual(
    e.problems.map((p: { line: number; column: string }) => `${p.line}:${p.column}`),
    ['4:14 (rules.1.segment)', '5:13 (rules.1.allow.0)'],
  );
  assert.match(e.message, /unknown segment 'nobody'/);
  const stored = await s.one<{ source: string }>(`SELECT source FROM offer_maps WHERE map_id = 'p'`);
  assert.equal(stored!.source, 'id: p\nrules:\n  - segment: singles\n');
  await assert.rejects(
    createTor(s, { name: 'x', offers: ['family=mugs'], perCustomer: 1, extra: { offerMap: 'nope' } }),
    /no offer map 'nope'/,
  );
  s.close();
});

test('a TOR audience may name model outputs ("AI attributes") such as offer_rank', async () => {
  const s = await world();
  const first = await createTor(s, {
    name: 'first',
    offers: ['family=candles', 'family=mugs', 'family=bags'],
    perCustomer: 1,
    model: 'frequency',
  });
  await computeTor(s, first.torId);
  const tor = await createTor(s, {
    name: 'bag lovers',
    offers: ['family=mugs'],
    perCustomer: 1,
    model: 'frequency',
    audience: `offer_rank('family=bags') <= 1`,
  });
  const sum = await computeTor(s, tor.torId);
  assert.equal(sum.customers, 2);
  assert.deepEqual(
    (await rows(s, tor.torId)).map((r) => r.split(':')[0]),
    ['c3', 'c4'],
  );
  s.close();
});
