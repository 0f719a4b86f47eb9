// Shared `recommend` for models that can score all items: score users in batches, keep the top k
// per row (ties by lower item index), optionally skipping items the user bought in the log.
import { topKIntoRow } from '../math/topK.ts';
import type { InteractionLog, TopN } from './recommender.ts';

/** Users scored per batch: batch × nItems float32 scores stay in the tens of MB even for 50k items. */
const BATCH = 256;

export async function topNFromScores(
  log: InteractionLog,
  users: Int32Array,
  k: number,
  excludeSeen: boolean,
  scoreAll: (batch: Int32Array) => Promise<Float32Array>,
): Promise<TopN> {
  const n = log.nItems;
  const items = new Int32Array(users.length * k);
  const scores = new Float32Array(users.length * k);
  const seen = new Uint8Array(n);
  for (let b = 0; b < users.length; b += BATCH) {
    const batch = users.subarray(b, Math.min(users.length, b + BATCH));
    const s = await scoreAll(batch);
    for (let r = 0; r < batch.length; r++) {
      const u = batch[r];
      const hasRow = u >= 0 && u < log.nUsers;
      if (excludeSeen && hasRow) for (let e = log.indptr[u]; e < log.indptr[u + 1]; e++) seen[log.indices[e]] = 1;
      topKIntoRow(s, r * n, n, k, items, scores, (b + r) * k, excludeSeen ? (j) => seen[j] === 1 : undefined);
      if (excludeSeen && hasRow) for (let e = log.indptr[u]; e < log.indptr[u + 1]; e++) seen[log.indices[e]] = 0;
    }
  }
  return { items, scores };
}

/** Picks columns `items` out of a users × nItems score matrix (row-major). */
export function selectColumns(full: Float32Array, nUsers: number, nItems: number, items?: Int32Array): Float32Array {
  if (!items) return full;
  const out = new Float32Array(nUsers * items.length);
  for (let r = 0; r < nUsers; r++) for (let c = 0; c < items.length; c++) out[r * items.length + c] = full[r * nItems + items[c]];
  return out;
}
