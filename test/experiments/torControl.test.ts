import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { experimentStore } from '../helpers/experimentStore.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { editTor } from '../../src/tor/editTor.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { exportTor } from '../../src/tor/exportTor.ts';
import type { Store } from '../../src/store/store.ts';
import type { TorControl } from '../../src/domain/types.ts';

const local = (path: string) => ({ kind: 'local' as const, path });

async function arms(s: Store, torId: string): Promise<Map<string, string>> {
  const rows = await s.all<{ customer_id: string; arm: string }>(
    `SELECT DISTINCT customer_id, arm FROM tor_results WHERE tor_id = ? ORDER BY customer_id`,
    [torId],
  );
  return new Map(rows.map((r) => [r.customer_id, r.arm]));
}

async function torWithControl(s: Store, control: TorControl) {
  await offersFromAttribute(s, 'family');
  const tor = await createTor(s, {
    name: 'spring',
    offers: ['family=bags', 'family=mugs', 'family=candles'],
    perCustomer: 2,
    model: 'frequency',
    asOf: '2021-06-01',
    extra: { control },
  });
  return tor.torId;
}

test('a control group is a deterministic share of customers, kept across recomputes, exported only when asked', async () => {
  const s = await experimentStore(2000);
  const id = await torWithControl(s, { pct: 10, seed: '1', stratify: 'none', experiment: null });
  const sum = await computeTor(s, id);
  const a1 = await arms(s, id);
  const control = [...a1.values()].filter((a) => a === 'control').length;
  assert.equal(sum.arms?.control, control);
  assert.equal(sum.arms!.treatment + sum.arms!.control, a1.size);
  // 10 % of 2,000 ± 3.5 standard deviations (binomial sd ≈ 13.4).
  assert.ok(Math.abs(control - 0.1 * a1.size) < 47, `control ${control} of ${a1.size}`);
  // The same customer stays in the same arm: recompute, then raise the share — existing arms never move.
  await computeTor(s, id);
  assert.deepEqual(await arms(s, id), a1);
  await editTor(s, id, { extra: { control: { pct: 30, seed: '1', stratify: 'none', experiment: null } } });
  await computeTor(s, id);
  assert.deepEqual(await arms(s, id), a1);
  const stored = await s.one<{ n: bigint }>(`SELECT count(*) AS n FROM experiment_arms WHERE experiment_id = ?`, [id]);
  assert.equal(Number(stored!.n), a1.size);

  const dir = await mkdtemp(join(tmpdir(), 'nb-ctl-'));
  const out = join(dir, 'send.csv');
  const rec = await exportTor(s, id, { layout: 'long', format: 'csv', target: local(out) });
  const lines = (await readFile(out, 'utf8')).trim().split('\n');
  assert.equal(lines[0], 'customer_id,priority,offer_id,score,segment,map_rule,group');
  assert.ok(lines.slice(1).every((l) => l.endsWith(',treatment')));
  assert.equal(new Set(lines.slice(1).map((l) => l.split(',')[0])).size, a1.size - control);
  const manifest = JSON.parse(await readFile(`${out}.manifest.json`, 'utf8'));
  assert.equal(
    manifest.file.sha256,
    createHash('sha256')
      .update(await readFile(out))
      .digest('hex'),
  );
  assert.equal(manifest.arms.control.customers, control);
  assert.equal(manifest.experiment.control_pct, 30);
  assert.equal(manifest.model.name, 'frequency');
  // Contacts: both arms, at the as-of date; exporting again (another layout) replaces the same send.
  assert.equal(rec.contacts?.control, control);
  const all = join(dir, 'all.csv');
  await exportTor(s, id, { layout: 'long', format: 'csv', target: local(all), includeControl: true });
  const withControl = (await readFile(all, 'utf8')).trim().split('\n').slice(1);
  assert.equal(withControl.filter((l) => l.endsWith(',control')).length, control * 2);
  const c = await s.all<{ group: string; n: bigint; d: string }>(
    `SELECT "group", count(*) AS n, min(sent_at)::VARCHAR AS d FROM contacts WHERE campaign_id = ? GROUP BY ALL ORDER BY 1`,
    [id],
  );
  assert.deepEqual(
    c.map((r) => [r.group, Number(r.n), r.d]),
    [
      ['control', control * 2, '2021-06-01 00:00:00'],
      ['treatment', (a1.size - control) * 2, '2021-06-01 00:00:00'],
    ],
  );
  assert.ok((await readdir(dir)).every((f) => !f.includes('tmp')));
});

test('stratified control groups hold exactly the share within each first-priority offer', async () => {
  const s = await experimentStore(1500);
  const id = await torWithControl(s, { pct: 20, seed: 'x', stratify: 'priority', experiment: 'exp-1' });
  const sum = await computeTor(s, id);
  assert.equal(sum.arms?.experiment, 'exp-1');
  const rows = await s.all<{ offer_id: string; n: bigint; c: bigint }>(
    `SELECT offer_id, count(*) AS n, count(*) FILTER (WHERE arm = 'control') AS c FROM tor_results
     WHERE tor_id = ? AND priority = 1 GROUP BY offer_id`,
    [id],
  );
  assert.ok(rows.length >= 2);
  for (const r of rows) assert.equal(Number(r.c), Math.round(0.2 * Number(r.n)), `offer ${r.offer_id}`);
  // Another campaign of the same experiment keeps every customer in the arm it already has.
  const first = await arms(s, id);
  const tor2 = await createTor(s, {
    name: 'second',
    offers: ['family=bags', 'family=mugs'],
    perCustomer: 1,
    model: 'popularity',
    asOf: '2021-06-01',
    extra: { control: { pct: 45, seed: 'other', stratify: 'none', experiment: 'exp-1' } },
  });
  await computeTor(s, tor2.torId);
  for (const [c, a] of await arms(s, tor2.torId)) assert.equal(a, first.get(c), c);
});

test('an offer map holds out a control group in one segment only (control_pct per segment rule)', async () => {
  const { insertSegment } = await import('../../src/segments/segmentTable.ts');
  const { saveOfferMap } = await import('../../src/offerMaps/saveOfferMap.ts');
  const s = await experimentStore(2000);
  await offersFromAttribute(s, 'family');
  await insertSegment(s, { id: 'frequent', name: 'Frequent', description: '4+ orders', expression: 'frequency >= 4' });
  await saveOfferMap(s, 'id: test-small\nrules:\n  - segment: frequent\n    control_pct: 25\n    boost: { family=bags: 2 }\n', 'm.yaml');
  const tor = await createTor(s, {
    name: 'mapped',
    offers: ['family=bags', 'family=mugs'],
    perCustomer: 1,
    model: 'frequency',
    asOf: '2021-06-01',
    extra: { offerMap: 'test-small' },
  });
  const sum = await computeTor(s, tor.torId);
  const rows = await s.all<{ segment: string | null; n: bigint; c: bigint }>(
    `SELECT segment, count(*) AS n, count(*) FILTER (WHERE arm = 'control') AS c FROM tor_results WHERE tor_id = ? GROUP BY ALL`,
    [tor.torId],
  );
  const frequent = rows.find((r) => r.segment === 'frequent')!;
  assert.equal(Number(frequent.c), Math.round(0.25 * Number(frequent.n)));
  for (const r of rows.filter((x) => x.segment !== 'frequent')) assert.equal(Number(r.c), 0, String(r.segment));
  assert.equal(sum.arms?.control, Number(frequent.c));
});
