// Built-in segments on a hand-made store with known answers, refresh records, moves, overlaps,
// user segments (bad expressions name their column) and model-output fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentMembersFromStore } from '../../src/segments/segmentMembersFromStore.ts';
import { segmentList } from '../../src/segments/segmentList.ts';
import { segmentMoves } from '../../src/segments/segmentMoves.ts';
import { segmentOverlap } from '../../src/segments/segmentOverlap.ts';
import { createSegment, editSegment } from '../../src/segments/segmentEdits.ts';
import { deleteSegment, getSegment } from '../../src/segments/segmentTable.ts';
import { parseDateArg } from '../../src/snapshot/interactions.ts';
import { AudienceError } from '../../src/audience/audienceTypes.ts';
import { NotFoundError, UserError } from '../../src/domain/errors.ts';
import { audienceRelation } from '../../src/segments/audienceRelation.ts';
import { AS_OF, segmentsStore } from './segmentsStore.ts';

const asOf = parseDateArg(AS_OF);
const sorted = (s: Set<string> | undefined) => [...(s ?? [])].sort();

test('built-in segments pick the known customers; refreshes are recorded once per (date, data)', async () => {
  const s = await segmentsStore();
  const m = await segmentMembersFromStore(s, asOf);
  assert.deepEqual(sorted(m.get('high-value-repeaters')), ['r1']);
  assert.deepEqual(sorted(m.get('dormant')), ['d1']);
  assert.deepEqual(sorted(m.get('browsers')), ['b1']);
  assert.deepEqual(sorted(m.get('new-buyers')), ['g1', 'n1', 'r1'], 'first orders 3 to 65 days ago; 80% of second orders within 154 days');
  assert.deepEqual(sorted(m.get('seasonal')), ['s1']);
  const count = async () => Number((await s.one<{ n: bigint }>(`SELECT count(*) AS n FROM segment_refreshes`))!.n);
  assert.equal(await count(), 5);
  const list = await segmentList(s, asOf, { actor: 'test' });
  assert.equal(await count(), 5, 'unchanged data and definitions reuse the refresh');
  assert.deepEqual(
    list.map((x) => [x.id, x.size]),
    [
      ['high-value-repeaters', 1],
      ['dormant', 1],
      ['browsers', 1],
      ['new-buyers', 3],
      ['seasonal', 1],
    ],
  );
  await s.run(`INSERT INTO order_lines VALUES ('o11','p1',0,'b1',1,2,2,'2021-06-30 10:00','purchase',NULL)`);
  const after = await segmentList(s, asOf, { actor: 'test' });
  assert.equal(await count(), 10, 'new data: every segment refreshed again');
  assert.equal(after.find((x) => x.id === 'new-buyers')!.size, 4);
  // Superseded refreshes keep their rows (history) but not their members.
  const kept = await s.one<{ n: bigint }>(`SELECT count(DISTINCT refresh_id) AS n FROM segment_members`);
  assert.ok(Number(kept!.n) <= 5);
  await assert.rejects(segmentMembersFromStore(s, asOf, ['nope']), NotFoundError);
  s.close();
});

test('moves between two dates: d1 went dormant, r1 became a high-value repeater', async () => {
  const s = await segmentsStore();
  const r = await segmentMoves(s, parseDateArg('2020-12-01'), asOf, { actor: 'test' });
  const dormant = r.moves.find((x) => x.segmentId === 'dormant')!;
  assert.deepEqual([dormant.sizeFrom, dormant.sizeTo, dormant.entered, dormant.left], [0, 1, 1, 0]);
  assert.deepEqual(dormant.enteredIds, ['d1']);
  const hvr = r.moves.find((x) => x.segmentId === 'high-value-repeaters')!;
  assert.deepEqual(hvr.enteredIds, ['r1']);
  await assert.rejects(segmentMoves(s, asOf, asOf, { actor: 'test' }), /from must be before to/);
  s.close();
});

test('overlap matrix equals set intersections of the memberships', async () => {
  const s = await segmentsStore();
  await createSegment(s, { id: 'buyers', expression: 'frequency >= 1' });
  const o = await segmentOverlap(s, asOf, { actor: 'test' });
  const m = await segmentMembersFromStore(s, asOf);
  o.segments.forEach((a, i) =>
    o.segments.forEach((b, j) => {
      const inter = [...m.get(a)!].filter((c) => m.get(b)!.has(c)).length;
      assert.equal(o.counts[i][j], inter, `${a} × ${b}`);
    }),
  );
  const buyers = o.segments.indexOf('buyers');
  assert.equal(o.counts[buyers][buyers], 5);
  assert.equal(o.counts[buyers][o.segments.indexOf('dormant')], 1);
  assert.equal(o.counts[buyers][o.segments.indexOf('browsers')], 0);
  s.close();
});

test('user segments: a bad expression names its column; edit, delete; built-ins reset', async () => {
  const s = await segmentsStore();
  await assert.rejects(
    createSegment(s, { id: 'x', expression: 'frequency >= 2 and monetry > 3' }),
    (e: unknown) =>
      e instanceof AudienceError && e.column === 20 && /unknown field 'monetry' at column 20; did you mean monetary/.test(e.message),
  );
  await assert.rejects(createSegment(s, { id: 'bad id!', expression: 'frequency >= 1' }), /segment id 'bad id!'/);
  await assert.rejects(createSegment(s, { id: 'dormant', expression: 'frequency >= 1' }), /already exists/);
  const c = await createSegment(s, { id: 'big', name: 'Big spenders', expression: 'monetary >= 100' });
  assert.equal(c.builtin, false);
  assert.deepEqual(sorted((await segmentMembersFromStore(s, asOf, ['big'])).get('big')), ['d1', 'r1']);
  await editSegment(s, 'big', { expression: 'monetary >= 200' });
  assert.deepEqual(sorted((await segmentMembersFromStore(s, asOf, ['big'])).get('big')), ['r1']);
  await editSegment(s, 'dormant', { expression: 'frequency >= 2 and dormancy_ratio > 0.1' });
  assert.equal((await getSegment(s, 'dormant')).edited, true);
  assert.equal(await deleteSegment(s, 'dormant'), 'reset');
  assert.equal((await getSegment(s, 'dormant')).edited, false);
  // A built-in seeded by an older version and never edited follows the shipped definition.
  await s.run(`UPDATE segments SET expression = 'frequency >= 9' WHERE segment_id = 'seasonal'`);
  assert.equal((await getSegment(s, 'seasonal')).edited, false);
  assert.equal(await deleteSegment(s, 'big'), 'deleted');
  await assert.rejects(getSegment(s, 'big'), NotFoundError);
  assert.equal(Number((await s.one<{ n: bigint }>(`SELECT count(*) AS n FROM segment_refreshes WHERE segment_id = 'big'`))!.n), 0);
  s.close();
});

test('model-output fields: top recommended family, product and offer ranks; a clear error when none are stored', async () => {
  const s = await segmentsStore();
  await assert.rejects(
    createSegment(s, { id: 'fans', expression: "top_recommended_family = 'candles'" }).then(() =>
      segmentMembersFromStore(s, asOf, ['fans']),
    ),
    (e: unknown) => e instanceof UserError && /run nextbest recommend first/.test(e.message),
  );
  await s.run(`CREATE TABLE product_recommendations AS SELECT * FROM (VALUES
    ('r1:1','r1',TIMESTAMP '2021-07-01','p1',1,1.0), ('r1:2','r1',TIMESTAMP '2021-07-01','p2',2,0.5),
    ('d1:1','d1',TIMESTAMP '2021-07-01','p3',1,1.0), ('d1:2','d1',TIMESTAMP '2021-07-01','p1',2,0.4))
    t(primary_key, user_unique_id, last_update_date, recommended_item_id, ranking, score)`);
  assert.deepEqual(sorted((await segmentMembersFromStore(s, asOf, ['fans'])).get('fans')), ['r1']);
  await createSegment(s, { id: 'candle2', expression: "product_rank('family=candles') <= 2 and product_rank('p3') is null" });
  assert.deepEqual(sorted((await segmentMembersFromStore(s, asOf, ['candle2'])).get('candle2')), ['r1']);
  await createSegment(s, { id: 'bags-top', expression: "offer_rank('family=bags') <= 1" });
  await assert.rejects(segmentMembersFromStore(s, asOf, ['bags-top']), /no computed TOR ranks offer 'family=bags'/);
  await s.run(`INSERT INTO tors (tor_id, name, settings, offers, status, priority_count, created_at, updated_at, computed_at)
    VALUES ('t1', 'T', '{}', '[]', 'ready', 2, now()::TIMESTAMP, now()::TIMESTAMP, now()::TIMESTAMP)`);
  await s.run(`INSERT INTO tor_scores VALUES
    ('t1','r1','family=bags',0.9,1),('t1','d1','family=bags',0.2,2),('t1','d1','family=mugs',0.5,1)`);
  assert.deepEqual(sorted((await segmentMembersFromStore(s, asOf, ['bags-top'])).get('bags-top')), ['r1']);
  // The same fields in a plain audience (what a TOR audience would use).
  const q = await audienceRelation(s, "offer_rank('family=bags') <= 2 and top_offer = 'family=bags'");
  const ids = await s.all<{ customer_id: string }>(
    `SELECT f.customer_id FROM ${q.from} WHERE ${q.where} ORDER BY 1`,
    Array(q.nParams).fill(AS_OF),
  );
  assert.deepEqual(
    ids.map((r) => r.customer_id),
    ['r1'],
    'top_offer: rank 1 of the scores when the TOR has no results',
  );
  await assert.rejects(createSegment(s, { id: 'y', expression: 'offer_rank <= 3' }), /offer_rank at column 1 needs an argument/);
  await assert.rejects(
    createSegment(s, { id: 'y', expression: "frequency('x') <= 3" }),
    /frequency at column 1 is a field, not a function/,
  );
  s.close();
});
