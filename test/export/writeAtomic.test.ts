import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../src/domain/errors.ts';
import { tempPathFor, writeAtomic, writeFileAtomic } from '../../src/export/writeAtomic.ts';

test('writeAtomic renames the finished temp file and leaves nothing else', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nb-wa-'));
  try {
    const out = join(dir, 'a.csv');
    let seenTmp = '';
    const r = await writeAtomic(out, async (tmp) => {
      seenTmp = tmp;
      assert.equal(join(tmp, '..'), dir, 'temp file is in the destination folder');
      await writeFile(tmp, 'x,y\n');
      assert.deepEqual(await readdir(dir), [tmp.slice(dir.length + 1)], 'final name not visible before rename');
      return 42;
    });
    assert.equal(r, 42);
    assert.match(seenTmp, /\/\.nextbest-tmp-[0-9a-f]{8}-\d+-[0-9a-f]+-a\.csv\.tmp$/, 'hidden, ends in .tmp: never matches *.csv');
    assert.equal(await readFile(out, 'utf8'), 'x,y\n');
    assert.deepEqual(await readdir(dir), ['a.csv']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('writeAtomic failure removes the temp file and keeps the old content', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nb-wa-'));
  try {
    const out = join(dir, 'a.csv');
    await writeFileAtomic(out, 'old\n');
    await assert.rejects(
      writeAtomic(out, async (tmp) => {
        await writeFile(tmp, 'half');
        throw new Error('disk on fire');
      }),
      /disk on fire/,
    );
    assert.equal(await readFile(out, 'utf8'), 'old\n');
    assert.deepEqual(await readdir(dir), ['a.csv']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('writeAtomic refuses a missing folder with a user error', async () => {
  await assert.rejects(
    writeFileAtomic('/nonexistent-nb-dir/x/a.csv', 'x'),
    (e: unknown) => e instanceof UserError && /does not exist/.test(e.message),
  );
  assert.notEqual(tempPathFor('a.csv'), tempPathFor('a.csv'), 'temp names are random');
});
