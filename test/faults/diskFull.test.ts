// A full disk while writing a TOR export or `recommend --out`: exit 2 with a message naming the
// target and "no space", the temp file removed, and the final name untouched (the old file stays).
// Needs a small filesystem to fill: a 1 MB tmpfs, mounted when the tests run as root (CI does);
// otherwise the test is skipped with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { experimentStore } from '../helpers/experimentStore.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { noSpaceError } from '../../src/export/noSpaceError.ts';
import { UserError } from '../../src/domain/errors.ts';

/** Mounts a 1 MB tmpfs under a new temp folder; null (and why) when this process cannot. */
function tinyDisk(): { dir: string; unmount: () => void } | string {
  if (process.getuid?.() !== 0) return 'needs root to mount a 1 MB tmpfs';
  const dir = mkdtempSync(join(tmpdir(), 'nb-fault-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    return `cannot mount a tmpfs here: ${(e as Error).message.split('\n')[0]}`;
  }
  return { dir, unmount: () => execFileSync('umount', [dir]) };
}

/** Fills the filesystem of `dir` until only a few KiB are left. */
function fill(dir: string): void {
  const s = statfsSync(dir);
  writeFileSync(join(dir, 'filler'), Buffer.alloc(Math.max(0, s.bavail * s.bsize - 4096)));
}

async function run(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(args, { out: () => {}, err: (t: string) => void (err += t), env: {} });
  return { code, err };
}

const disk = tinyDisk();

test(
  'disk full: TOR export and recommend --out fail with exit 2, naming the target; nothing half-written',
  { skip: typeof disk === 'string' ? disk : false },
  async () => {
    const { dir, unmount } = disk as Exclude<typeof disk, string>;
    try {
      const db = join(mkdtempSync(join(tmpdir(), 'nb-fault-full-db-')), 'x.duckdb');
      const s = await experimentStore(600, db);
      await offersFromAttribute(s, 'family');
      const tor = await createTor(s, {
        name: 't',
        offers: ['family=bags', 'family=mugs'],
        perCustomer: 2,
        model: 'frequency',
        asOf: '2021-06-01',
      });
      await computeTor(s, tor.torId);
      s.close();
      const out = join(dir, 'offers.csv');
      writeFileSync(out, 'the previous export\n');
      fill(dir);
      const exp = await run(['tor', 'export', tor.torId, '--db', db, '--out', out, '--no-manifest']);
      assert.equal(exp.code, 2, exp.err);
      assert.match(exp.err, new RegExp(`cannot write ${out}: no space left on the device; nothing was written under that name`));
      assert.doesNotMatch(exp.err, /nextbest-tmp|internal error/);
      assert.equal(readFileSync(out, 'utf8'), 'the previous export\n', 'the old file is untouched');

      const recs = join(dir, 'recs.csv');
      const r = await run(['recommend', '--db', db, '--out', recs, '--top', '5', '--model', 'popularity']);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, new RegExp(`cannot write ${recs}: no space left on the device`));
      assert.deepEqual(readdirSync(dir).sort(), ['filler', 'offers.csv'], 'no temp file and no partial file left');
    } finally {
      unmount();
    }
  },
);

test('noSpaceError: ENOSPC and quota errors become user errors naming the target; others pass', () => {
  const e = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  const u = noSpaceError(e, '/x/out.csv');
  assert.ok(u instanceof UserError);
  assert.match(u.message, /^cannot write \/x\/out\.csv: no space left on the device/);
  assert.match(
    noSpaceError(new Error('IO Error: Could not write file "/x/.t": Disk quota exceeded'), '/x/o')!.message,
    /disk quota exceeded/,
  );
  assert.equal(noSpaceError(new Error('Permission denied'), '/x/o'), null);
});
