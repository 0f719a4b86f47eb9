// A saved recommendation model state that is truncated, overwritten with random bytes, replaced by
// another file or from an older format is detected by its prelude (magic, lengths, SHA-256): the
// run says "saved model state … is damaged (…); refitting" on stderr, refits, succeeds, and saves a
// sound state again. Reading such a file directly throws DamagedModelState, never a RangeError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { Store } from '../../src/store/store.ts';
import { readModelState, writeModelState } from '../../src/recs/modelStateFile.ts';
import { DamagedModelState } from '../../src/recs/modelStateHeader.ts';

async function tinyStore(dir: string): Promise<string> {
  const db = join(dir, 'shop.duckdb');
  const s = await Store.open(db);
  await s.run(`INSERT INTO products SELECT 'P' || i, 'product ' || i, 1 + i FROM range(12) t(i)`);
  await s.run(`INSERT INTO order_lines
    SELECT 'O' || c || '-' || k, 'P' || ((c * 7 + k * 3) % 12), 0, 'C' || c, 1, 2, 2,
      TIMESTAMP '2024-01-01' + INTERVAL (c + k * 9) DAY, 'purchase', NULL
    FROM range(30) a(c), range(5) b(k)`);
  s.close();
  return db;
}

/** The lists without last_update_date (the run's clock). */
const lists = (csv: string) =>
  csv
    .trim()
    .split('\n')
    .map((r) =>
      r
        .split(',')
        .filter((_, i) => i !== 2)
        .join(','),
    );

async function recommend(db: string, out: string): Promise<{ code: number; err: string }> {
  let err = '';
  const io = { out: () => {}, err: (t: string) => void (err += t), env: {} };
  const code = await main(['recommend', '--db', db, '--out', out, '--top', '3', '--model', 'ease'], io);
  return { code, err };
}

test('recommend refits, and says so, when the saved model state is truncated, random or foreign', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-fault-state-'));
  const db = await tinyStore(dir);
  const out = join(dir, 'recs.csv');
  const first = await recommend(db, out);
  assert.equal(first.code, 0, first.err);
  const state = `${db}.ease.model`;
  const good = readFileSync(state);
  const reference = lists(readFileSync(out, 'utf8'));

  const second = await recommend(db, out);
  assert.match(second.err, /loaded model 'ease' from/, 'a sound state is reused');

  const damages: [string, () => void, RegExp][] = [
    ['truncated', () => truncateSync(state, good.length - 100), /damaged \(truncated: \d+ of \d+ body bytes\)/],
    ['cut inside the header', () => truncateSync(state, 20), /damaged \(truncated: 20 bytes/],
    ['random bytes', () => writeFileSync(state, randomBytes(good.length)), /damaged \(not a nextbest model state file/],
    ['another file', () => copyFileSync(db, state), /damaged \(not a nextbest model state file/],
    [
      'one flipped payload byte',
      () => {
        const b = Buffer.from(good);
        b[b.length - 3] ^= 0xff;
        writeFileSync(state, b);
      },
      /damaged \(SHA-256 checksum mismatch\)/,
    ],
  ];
  for (const [what, damage, reason] of damages) {
    damage();
    const r = await recommend(db, out);
    assert.equal(r.code, 0, `${what}: ${r.err}`);
    assert.match(r.err, new RegExp(`saved model state ${state.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged`), what);
    assert.match(r.err, reason, what);
    assert.match(r.err, /; refitting/, what);
    assert.doesNotMatch(r.err, /RangeError/, what);
    assert.deepEqual(lists(readFileSync(out, 'utf8')), reference, `${what}: the refitted model gives the same lists`);
    assert.doesNotThrow(() => readModelState(state), `${what}: a sound state is saved again`);
  }
});

test('readModelState: round trip, and every kind of damage is a DamagedModelState', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-fault-state-'));
  const path = join(dir, 's.model');
  const shared = new Float32Array([1, 2, 3]);
  writeModelState(path, { a: 1, x: shared, again: shared, n: new Int32Array([7, 8]) });
  const back = readModelState<{ a: number; x: Float32Array; again: Float32Array; n: Int32Array }>(path);
  assert.deepEqual([...back.x], [1, 2, 3]);
  assert.equal(back.again.buffer, back.x.buffer);
  assert.deepEqual([...back.n], [7, 8]);
  const good = readFileSync(path);
  const old = Buffer.concat([Buffer.from('NBMS1\n'), good.subarray(6)]);
  for (const bytes of [
    good.subarray(0, 30),
    good.subarray(0, good.length - 1),
    old,
    Buffer.alloc(0),
    Buffer.concat([good, Buffer.from('x')]),
  ]) {
    writeFileSync(path, bytes);
    assert.throws(() => readModelState(path), DamagedModelState);
  }
  writeFileSync(path, old);
  assert.throws(() => readModelState(path), /format version 1, from an older nextbest/);
});
