// Gives back the space a killed writer left behind. A large import writes its uncommitted rows
// straight into new blocks at the end of the store file; killed with -9, those blocks belong to no
// checkpoint, and DuckDB neither reuses nor truncates them, so every killed import grew the store
// (8 MB → 88–204 MB with no rows added). DuckDB's own size (header + total_blocks × block_size,
// after a checkpoint) is all the file holds: anything past it is garbage and is cut off on open.
// An in-process failure needs only a CHECKPOINT after the ROLLBACK (DuckDB truncates free tail blocks).
import { statSync, truncateSync } from 'node:fs';
import type { Store } from './store.ts';

/** DuckDB's file header: three 4 KiB blocks (main header + two database headers) before the first data block. */
const HEADER_BYTES = 3 * 4096;

/** Bytes cut from the end of `store`'s file (0 when it was already tight). Call right after opening, before any work. */
export async function reclaimStoreFile(store: Store): Promise<number> {
  const before = statSync(store.path).size;
  const size = async () => {
    const r = await store.one<{ total_blocks: bigint; block_size: bigint }>(
      `SELECT total_blocks, block_size FROM pragma_database_size() WHERE database_name = current_database()`,
    );
    return r ? { blocks: Number(r.total_blocks), block: Number(r.block_size) } : null;
  };
  let known = await size();
  if (!known || before <= HEADER_BYTES + (known.blocks + 1) * known.block) return 0;
  await store.run('CHECKPOINT'); // everything DuckDB holds is now inside total_blocks
  known = await size();
  if (!known) return 0;
  const tight = HEADER_BYTES + known.blocks * known.block;
  if (statSync(store.path).size <= tight) return 0;
  truncateSync(store.path, tight);
  return before - tight;
}

/** After a failed write transaction: let DuckDB drop the rolled-back blocks (never fails the caller). */
export async function checkpointQuietly(store: Store): Promise<void> {
  await store.run('CHECKPOINT').catch(() => undefined);
}
