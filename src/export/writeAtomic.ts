// Local writes that are all-or-nothing: the content is produced under a hidden temporary name in
// the destination's own folder (same filesystem, so rename(2) is atomic), then renamed over the
// final name. Readers see the old file or the complete new one, never a half-written file.
import { randomBytes } from 'node:crypto';
import { access, constants, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../domain/errors.ts';

/**
 * Temporary sibling name for `finalPath`. The final base name is kept as the suffix so tools that
 * pick behaviour from the extension (e.g. DuckDB compressing `*.csv.gz`) treat both alike.
 */
export function tempPathFor(finalPath: string): string {
  const abs = resolve(finalPath);
  return join(dirname(abs), `.nextbest-tmp-${randomBytes(6).toString('hex')}-${basename(abs)}`);
}

/** Fails with a user error (exit 2) when the destination folder is missing or not writable. */
export async function assertWritableDir(finalPath: string): Promise<void> {
  const dir = dirname(resolve(finalPath));
  let isDir = false;
  try {
    isDir = (await stat(dir)).isDirectory();
  } catch {
    throw new UserError(`cannot write ${finalPath}: directory ${dir} does not exist`);
  }
  if (!isDir) throw new UserError(`cannot write ${finalPath}: ${dir} is not a directory`);
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new UserError(`cannot write ${finalPath}: directory ${dir} is not writable`);
  }
  try {
    if ((await stat(finalPath)).isDirectory()) throw new UserError(`cannot write ${finalPath}: it is a directory`);
  } catch (e) {
    if (e instanceof UserError) throw e;
  }
}

/**
 * Calls `produce(tmpPath)` to write the content, then renames the temp file to `finalPath`.
 * On any failure the temp file is removed and `finalPath` is left exactly as it was.
 * Returns whatever `produce` returned.
 */
export async function writeAtomic<T>(finalPath: string, produce: (tmpPath: string) => Promise<T>): Promise<T> {
  await assertWritableDir(finalPath);
  const tmp = tempPathFor(finalPath);
  try {
    const out = await produce(tmp);
    await rename(tmp, resolve(finalPath));
    return out;
  } catch (e) {
    await rm(tmp, { force: true, recursive: true }).catch(() => undefined);
    throw e;
  }
}

/** Writes `data` to `finalPath` atomically (see writeAtomic). */
export async function writeFileAtomic(finalPath: string, data: string | Uint8Array): Promise<void> {
  await writeAtomic(finalPath, (tmp) => writeFile(tmp, data, { flag: 'wx' }));
}
