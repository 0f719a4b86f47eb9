// Deletes a TOR and its results for good. A TOR that is computing is refused: its compute would
// otherwise write results for a TOR that no longer exists.
import { ConflictError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import { deleteTor, getTor } from '../store/torTable.ts';
import { isComputing } from './computeTor.ts';

export async function removeTor(store: Store, torId: string): Promise<{ torId: string; deleted: true }> {
  const t = await getTor(store, torId);
  if (t.status === 'computing' || isComputing(torId)) throw new ConflictError(`TOR ${torId} is computing; delete it when it is done`);
  await deleteTor(store, torId);
  return { torId, deleted: true };
}
