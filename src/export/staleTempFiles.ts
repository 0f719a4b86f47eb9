// Temporary names of atomic writes, and the clean-up of those a killed writer left behind.
//
// A temp file is a sibling of its target named `.nextbest-tmp-<host>-<pid>-<tag>-<target name>.tmp`:
// hidden (leading dot) and ending in `.tmp`, so it never matches a pattern that matches the final
// name (`*.csv`, `out*.csv`, `out.csv*` …) — a consumer polling the folder cannot pick up half a
// file. The host hash and pid say who writes it: the next write of the same target removes the
// siblings whose writer is gone (same host, pid not running) or that are older than STALE_TEMP_MS
// (another host's writer, or a reused pid). Names of earlier versions are recognised too.
import { createHash, randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pidAlive } from '../domain/pidAlive.ts';

export const TEMP_PREFIX = '.nextbest-tmp-';
export const TEMP_SUFFIX = '.tmp';
/** A temp file this old is stale whoever wrote it: no export runs for six hours. */
export const STALE_TEMP_MS = 6 * 3600_000;

/** Eight hex digits of the host name: enough to tell this host's temp files from another's on a shared folder. */
export function hostTag(): string {
  return createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
}

/** The temp name of `name` written by this process; `tag` is random unless the caller needs to find it again. */
export function tempNameFor(name: string, tag: string = randomBytes(6).toString('hex')): string {
  return `${TEMP_PREFIX}${hostTag()}-${process.pid}-${tag}-${name}${TEMP_SUFFIX}`;
}

/** Who wrote a temp sibling of `name` (pid null: an older name without one), or null when `entry` is not one. */
export function tempWriter(entry: string, name: string): { host: string | null; pid: number | null } | null {
  if (entry.startsWith(TEMP_PREFIX) && entry.endsWith(`-${name}${TEMP_SUFFIX}`)) {
    const m = /^([0-9a-f]{8})-(\d+)-[0-9a-z]+$/.exec(entry.slice(TEMP_PREFIX.length, -(name.length + 1 + TEMP_SUFFIX.length)));
    if (m) return { host: m[1], pid: Number(m[2]) };
  }
  // Before: `.nextbest-tmp-<12 hex>-<name>` (writeAtomic) and `<name>.tmp-<pid>` (recommend --out).
  const legacy = /^\.nextbest-tmp-[0-9a-f]{12}-/.exec(entry);
  if (legacy && entry.slice(legacy[0].length) === name) return { host: null, pid: null };
  const old = entry.startsWith(`${name}.tmp-`) ? /^\d+$/.exec(entry.slice(name.length + 5)) : null;
  if (old) return { host: hostTag(), pid: Number(old[0]) };
  return null;
}

/** Whether a temp sibling's writer is certainly gone. */
export function isStale(writer: { host: string | null; pid: number | null }, ageMs: number): boolean {
  if (ageMs > STALE_TEMP_MS) return true;
  if (writer.host !== hostTag() || writer.pid === null) return false;
  return writer.pid !== process.pid && !pidAlive(writer.pid);
}

/** Removes the stale temp siblings of `finalPath`; returns the names removed. Never fails the write that calls it. */
export async function removeStaleTempSiblings(finalPath: string): Promise<string[]> {
  const abs = resolve(finalPath);
  const dir = dirname(abs),
    name = basename(abs);
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const writer = tempWriter(entry, name);
    if (!writer) continue;
    try {
      const age = Date.now() - (await stat(join(dir, entry))).mtimeMs;
      if (!isStale(writer, age)) continue;
      await rm(join(dir, entry), { force: true, recursive: true });
      removed.push(entry);
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}
