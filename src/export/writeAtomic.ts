// Local writes that are all-or-nothing: the content is produced under a hidden temporary name in
// the destination's own folder (same filesystem, so rename(2) is atomic), then renamed over the
// final name. Readers see the old file or the complete new one, never a half-written file. The
// temp name never matches the final name's pattern, and a killed writer's leftovers are removed by
// the next write of the same target (staleTempFiles.ts).
import { access, constants, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../domain/errors.ts';
import { noSpaceError } from './noSpaceError.ts';
import { removeStaleTempSiblings, tempNameFor } from './staleTempFiles.ts';

/**
 * Temporary sibling name for `finalPath` (see staleTempFiles.ts): hidden, ending in `.tmp`, so
 * writers that pick a compression from the extension must be told it (exportQuery does).
 */
export function tempPathFor(finalPath: string, tag?: string): string {
  const abs = resolve(finalPath);
  return join(dirname(abs), tempNameFor(basename(abs), tag));
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
  await removeStaleTempSiblings(finalPath);
  const tmp = tempPathFor(finalPath);
  try {
    const out = await produce(tmp);
    await rename(tmp, resolve(finalPath));
    return out;
  } catch (e) {
    await rm(tmp, { force: true, recursive: true }).catch(() => undefined);
    throw noSpaceError(e, finalPath) ?? e;
  }
}

/** Writes `data` to `finalPath` atomically (see writeAtomic). */
export async function writeFileAtomic(finalPath: string, data: string | Uint8Array): Promise<void> {
  await writeAtomic(finalPath, (tmp) => writeFile(tmp, data, { flag: 'wx' }));
}
