// The segment routes (through the in-process API) and the CLI (a real child process, --json shapes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiHarness } from '../helpers/apiHarness.ts';
import { runCli } from '../helpers/runCli.ts';
import { AS_OF, segmentsStore } from './segmentsStore.ts';

test('API: list, create (bad expression → 400 with column), show, moves, overlap, members, delete; viewers read only', async () => {
  const h = await apiHarness(await segmentsStore());
  try {
    // Two requests at once: one computes the refresh, the other reuses it.
    const [list, again] = await Promise.all([0, 1].map(() => h.call('viewer', 'GET', `/v1/segments?asOf=${AS_OF}`)));
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(again.json(), list.json());
    assert.equal(Number((await h.store.one<{ n: bigint }>(`SELECT count(*) AS n FROM segment_refreshes`))!.n), 5);
    assert.deepEqual(
      list.json().map((s: { id: string; size: number }) => [s.id, s.size]),
      [
        ['high-value-repeaters', 1],
        ['dormant', 1],
        ['browsers', 1],
        ['new-buyers', 3],
        ['seasonal', 1],
      ],
    );
    assert.equal((await h.call('viewer', 'POST', '/v1/segments', { id: 'x', expression: 'frequency >= 1' })).statusCode, 403);
    const bad = await h.call('marketer', 'POST', '/v1/segments', { id: 'x', expression: "frequency >= 1 and clv_tier = 'hgh'" });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /unknown value 'hgh' for clv_tier at column 31/);
    const ok = await h.call('marketer', 'POST', '/v1/segments', { id: 'buyers', name: 'Buyers', expression: 'frequency >= 1' });
    assert.equal(ok.statusCode, 200, ok.body);
    const show = (await h.call('viewer', 'GET', `/v1/segments/buyers?asOf=${AS_OF}`)).json();
    assert.deepEqual([show.size, show.sample, show.refreshes.length], [5, ['d1', 'g1', 'n1', 'r1', 's1'], 1]);
    assert.equal((await h.call('viewer', 'GET', '/v1/segments/nope')).statusCode, 404);
    const moves = (await h.call('viewer', 'GET', `/v1/segments/moves?from=2020-12-01&to=${AS_OF}&segment=dormant`)).json();
    const moved = moves.moves.map((m: { segmentId: string; enteredIds: string[] }) => [m.segmentId, m.enteredIds]);
    assert.deepEqual(moved, [['dormant', ['d1']]]);
    const overlap = (await h.call('viewer', 'GET', `/v1/segments/overlap?asOf=${AS_OF}&segment=buyers&segment=dormant`)).json();
    assert.deepEqual(
      [overlap.segments, overlap.counts],
      [
        ['buyers', 'dormant'],
        [
          [5, 1],
          [1, 1],
        ],
      ],
    );
    const members = (await h.call('viewer', 'GET', `/v1/segments/buyers/members?asOf=${AS_OF}&limit=2&offset=1`)).json();
    assert.deepEqual([members.size, members.customerIds], [5, ['g1', 'n1']]);
    const out = join(mkdtempSync(join(tmpdir(), 'nb-seg-')), 'buyers.csv');
    const written = await h.call('viewer', 'GET', `/v1/segments/buyers/members?asOf=${AS_OF}&out=${encodeURIComponent(out)}`);
    assert.equal(written.statusCode, 200, written.body);
    assert.equal(readFileSync(out, 'utf8'), 'customer_id\nd1\ng1\nn1\nr1\ns1\n');
    const edit = await h.call('marketer', 'PATCH', '/v1/segments/buyers', { expression: 'frequency >= 3' });
    assert.equal(edit.json().expression, 'frequency >= 3');
    assert.equal((await h.call('viewer', 'GET', `/v1/segments/buyers?asOf=${AS_OF}`)).json().size, 4);
    assert.deepEqual((await h.call('marketer', 'DELETE', '/v1/segments/buyers')).json(), { id: 'buyers', outcome: 'deleted' });
    assert.deepEqual((await h.call('marketer', 'DELETE', '/v1/segments/dormant')).json(), { id: 'dormant', outcome: 'reset' });
  } finally {
    await h.close();
  }
});

test('CLI: segments list --as-of --json prints [{id, name, size, …}]; a bad expression exits 2 naming its column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-seg-'));
  const db = join(dir, 's.duckdb');
  (await segmentsStore(db)).close();
  const list = runCli(['segments', 'list', '--as-of', AS_OF, '--json', '--db', db]);
  assert.equal(list.code, 0, list.stderr);
  const rows = JSON.parse(list.stdout) as { id: string; name: string; size: number }[];
  assert.deepEqual(
    rows.map((r) => [r.id, typeof r.name, r.size]),
    [
      ['high-value-repeaters', 'string', 1],
      ['dormant', 'string', 1],
      ['browsers', 'string', 1],
      ['new-buyers', 'string', 3],
      ['seasonal', 'string', 1],
    ],
  );
  const create = runCli(['segments', 'create', 'big', '--expression', 'monetary >= 100 and frequncy >= 2', '--db', db]);
  assert.equal(create.code, 2);
  assert.match(create.stderr, /unknown field 'frequncy' at column 21; did you mean frequency/);
});
