// The shared directory's layout and file formats. A run lives in <shared>/runs/<runId>/, where runId
// hashes every input byte, so the same inputs land in the same folder and finished files are reused:
//   context.json        the scorer kind and all-customer parts (typed JSON)
//   shard-<k>.in.json   shard k's customers and lines (typed JSON)
//   shard-<k>.bin       shard k's scores: "NBSCORE1", rows u32, offers u32, then rows × offers float64 LE
// Every file is written under a temporary name and renamed, so a reader (or a retry after a kill)
// sees a complete file or none.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { valueFromTypedJson } from '../domain/typedJson.ts';
import { tempPathFor } from '../export/writeAtomic.ts';
import type { ShardContext, ShardInput } from './shardTask.ts';

const MAGIC = Buffer.from('NBSCORE1');
const HEADER = 16;

export const runDirOf = (shared: string, runId: string) => join(shared, 'runs', runId);
export const contextFile = (runDir: string) => join(runDir, 'context.json');
export const inputFile = (runDir: string, shard: number) => join(runDir, `shard-${shard}.in.json`);
export const scoresFile = (runDir: string, shard: number) => join(runDir, `shard-${shard}.bin`);

/** The run id: a hash of the context and every shard input, so equal inputs give equal folders. */
export function runIdOf(parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(createHash('sha256').update(p).digest());
  return h.digest('hex').slice(0, 24);
}

/** Writes `data` to `path` unless a file is already there (a complete one: every write is temp + rename). */
export async function writeOnce(path: string, data: string | Uint8Array): Promise<boolean> {
  if (await exists(path)) return false;
  await writeReplacing(path, data);
  return true;
}

/** Writes `data` to `path` atomically, replacing what is there. */
export async function writeReplacing(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } finally {
    await rm(tmp, { force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}

export async function readContext(runDir: string): Promise<ShardContext> {
  return valueFromTypedJson<ShardContext>(await readFile(contextFile(runDir), 'utf8'));
}

export async function readInput(runDir: string, shard: number): Promise<ShardInput> {
  return valueFromTypedJson<ShardInput>(await readFile(inputFile(runDir, shard), 'utf8'));
}

export function scoresBytes(rows: number, offers: number, scores: Float64Array): Uint8Array {
  const out = Buffer.alloc(HEADER + scores.byteLength);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(rows, 8);
  out.writeUInt32LE(offers, 12);
  Buffer.from(scores.buffer, scores.byteOffset, scores.byteLength).copy(out, HEADER);
  return out;
}

/** A shard's scores, or null when the file is missing or not a complete score file of that shape. */
export async function readScores(path: string, rows: number, offers: number): Promise<Float64Array | null> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch {
    return null;
  }
  const ok =
    buf.length === HEADER + rows * offers * 8 &&
    buf.subarray(0, 8).equals(MAGIC) &&
    buf.readUInt32LE(8) === rows &&
    buf.readUInt32LE(12) === offers;
  if (!ok) return null;
  const out = new Float64Array(rows * offers);
  new Uint8Array(out.buffer).set(buf.subarray(HEADER));
  return out;
}
