// Writers killed with SIGKILL mid-write leave their temp file; the next write of the same target
// (a TOR export, `recommend --out`) removes it, keeps temp files of writers still running, and no
// temp name ever matches the final name's pattern (hidden, ending in .tmp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { experimentStore } from '../helpers/experimentStore.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { STALE_TEMP_MS, tempNameFor, tempWriter } from '../../src/export/staleTempFiles.ts';

const WRITE_ATOMIC = new URL('../../src/export/writeAtomic.ts', import.meta.url).href;
const RECS_OUTPUT = new URL('../../src/recs/recsOutput.ts', import.meta.url).href;

/** A child that starts writing `target` the way nextbest does, writes half, says so, and is SIGKILLed. */
function killedWriter(target: string, how: 'writeAtomic' | 'recs'): Promise<void> {
  const code =
    how === 'writeAtomic'
      ? `const { writeAtomic } = await import(${JSON.stringify(WRITE_ATOMIC)});
         await writeAtomic(${JSON.stringify(target)}, async (tmp) => { (await import('node:fs')).writeFileSync(tmp, 'customer_id,pri');
           process.stdout.write('writing\\n'); await new Promise(() => {}); });`
      : `const { recsTempFile } = await import(${JSON.stringify(RECS_OUTPUT)});
         (await import('node:fs')).writeFileSync(recsTempFile(${JSON.stringify(target)}), 'primary_key,us');
         process.stdout.write('writing\\n'); await new Promise(() => {});`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code]);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => d.toString().includes('writing') && child.kill('SIGKILL'));
    child.on('exit', (_c, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer ended on its own: ${err}`))));
  });
}

async function run(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(args, { out: () => {}, err: (t: string) => void (err += t), env: {} });
  return { code, err };
}

/** The folder's entries that a consumer globbing for the final name's pattern would see. */
const matching = (dir: string, pattern: RegExp) => readdirSync(dir).filter((f) => pattern.test(f));

test('a killed TOR export and a killed recommend --out leave temp files that the next run removes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-fault-tmp-'));
  const db = join(dir, 'x.duckdb');
  const s = await experimentStore(300, db);
  await offersFromAttribute(s, 'family');
  const tor = await createTor(s, {
    name: 't',
    offers: ['family=bags', 'family=mugs'],
    perCustomer: 1,
    model: 'frequency',
    asOf: '2021-06-01',
  });
  await computeTor(s, tor.torId);
  s.close();

  const out = join(dir, 'offers.csv');
  await killedWriter(out, 'writeAtomic');
  const first = readdirSync(dir).filter((f) => tempWriter(f, 'offers.csv'));
  assert.equal(first.length, 1, 'the killed writer left its temp file');
  await killedWriter(out, 'writeAtomic');
  const second = readdirSync(dir).filter((f) => tempWriter(f, 'offers.csv'));
  assert.equal(second.length, 1, 'the second writer removed the first one’s leftover, then left its own');
  assert.notEqual(second[0], first[0]);
  // Never under the final name's pattern: not *.csv, not offers*, not offers.csv*.
  assert.deepEqual(matching(dir, /\.csv$|^offers/), []);
  // A temp file of a writer that is still running (this process) must survive.
  const live = join(dir, tempNameFor('offers.csv'));
  writeFileSync(live, 'in progress');

  const exp = await run(['tor', 'export', tor.torId, '--db', db, '--out', out, '--no-manifest']);
  assert.equal(exp.code, 0, exp.err);
  assert.deepEqual(
    readdirSync(dir).filter((f) => tempWriter(f, 'offers.csv')),
    [basename(live)],
    'dead writers’ temps removed, the live one kept',
  );
  assert.deepEqual(matching(dir, /\.csv$/), ['offers.csv']);

  const recs = join(dir, 'recs.csv');
  await killedWriter(recs, 'recs');
  // A leftover of the earlier naming (`<name>.tmp-<pid>`), hours old.
  const oldStyle = join(dir, 'recs.csv.tmp-999999999');
  writeFileSync(oldStyle, 'x');
  const r = await run(['recommend', '--db', db, '--out', recs, '--top', '2', '--model', 'popularity']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(
    readdirSync(dir).filter((f) => tempWriter(f, 'recs.csv')),
    [],
    'the killed recommend’s temp removed',
  );
  assert.deepEqual(matching(dir, /^recs/), ['recs.csv']);
});

test('stale means: writer gone on this host, or older than STALE_TEMP_MS; young temps of other hosts stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-fault-tmp-'));
  const target = join(dir, 'a.csv');
  const otherHost = tempNameFor('a.csv').replace(/^\.nextbest-tmp-[0-9a-f]{8}-/, '.nextbest-tmp-00000000-');
  const otherHostOld = otherHost.replace(/-(\w+)-a\.csv\.tmp$/, '-0ld0-a.csv.tmp');
  const legacyYoung = '.nextbest-tmp-0123456789ab-a.csv';
  const legacyOld = '.nextbest-tmp-ba9876543210-a.csv';
  const unrelated = ['.nextbest-tmp-00000000-1-x-b.csv.tmp', 'a.csv.bak', 'notes.txt'];
  for (const f of [otherHost, otherHostOld, legacyYoung, legacyOld, ...unrelated]) writeFileSync(join(dir, f), 'x');
  const old = (Date.now() - STALE_TEMP_MS - 60_000) / 1000;
  for (const f of [otherHostOld, legacyOld]) utimesSync(join(dir, f), old, old);
  const { writeFileAtomic } = await import('../../src/export/writeAtomic.ts');
  await writeFileAtomic(target, 'x\n');
  assert.deepEqual(readdirSync(dir).sort(), ['a.csv', otherHost, legacyYoung, ...unrelated].sort());
});

test('the temp name ends in .tmp, yet a .csv.gz export is still gzip-compressed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-fault-tmp-'));
  const { Store } = await import('../../src/store/store.ts');
  const { exportQuery } = await import('../../src/export/exportQuery.ts');
  const s = await Store.open(':memory:');
  const path = join(dir, 'x.csv.gz');
  await exportQuery(s, { sql: `SELECT i FROM range(3) t(i) ORDER BY i`, format: 'csv', target: { kind: 'local', path } });
  s.close();
  assert.equal(gunzipSync(readFileSync(path)).toString(), 'i\n0\n1\n2\n');
});
