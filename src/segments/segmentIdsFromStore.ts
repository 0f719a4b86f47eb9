// The ids of every stored segment (built-ins included), for callers that only check names, e.g. an
// offer map whose rules name segments.
import type { Store } from '../store/store.ts';
import { listSegments } from './segmentTable.ts';

export async function segmentIdsFromStore(store: Store): Promise<string[]> {
  return (await listSegments(store)).map((s) => s.id);
}
