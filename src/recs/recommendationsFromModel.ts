// Top-n product lists from any Recommender, with an item filter and per-attribute caps
// (`--filter family=candles`, `--max-per family=3`). Pure: typed arrays in, TopN out.
// Without filter or caps this is the model's own (fast) recommend(); with them, allowed items are
// scored in user batches and each list is filled greedily in score order under the caps.
import { topKIntoRow } from '../math/topK.ts';
import type { Recommender, TopN } from '../models/recommender.ts';
import type { SeenRows } from './topNExcludingSeen.ts';

export interface RecsRequest {
  n: number;
  excludeSeen: boolean;
  /** allowed[i] = 1 if item i may be recommended; null = every item. */
  allowed: Uint8Array | null;
  /** At most `max` items per value of an attribute (codes[i] = value index, −1 = no value, uncapped). */
  maxPer: { codes: Int32Array; max: number } | null;
}

const BATCH = 256;

export async function recommendationsFromModel(
  model: Recommender,
  users: Int32Array,
  nItems: number,
  seen: SeenRows,
  req: RecsRequest,
): Promise<TopN> {
  const { n } = req;
  if (!req.allowed && !req.maxPer) return model.recommend(users, n, { excludeSeen: req.excludeSeen });
  const allowedList = Int32Array.from({ length: nItems }, (_, i) => i).filter((i) => !req.allowed || req.allowed![i] === 1);
  const m = allowedList.length;
  const items = new Int32Array(users.length * n).fill(-1);
  const scores = new Float32Array(users.length * n).fill(-Infinity);
  const mark = new Uint8Array(nItems);
  const counts = new Map<number, number>();
  const candI = new Int32Array(m),
    candS = new Float32Array(m);
  for (let b0 = 0; b0 < users.length; b0 += BATCH) {
    const batch = users.subarray(b0, Math.min(users.length, b0 + BATCH));
    const s = await model.scoreItems(batch, allowedList);
    for (let r = 0; r < batch.length; r++) {
      const u = batch[r];
      const hasRow = req.excludeSeen && u >= 0 && u + 1 < seen.indptr.length;
      if (hasRow) for (let e = seen.indptr[u]; e < seen.indptr[u + 1]; e++) mark[seen.indices[e]] = 1;
      // Widen the candidate pool until the greedy fill succeeds or every allowed item was seen.
      let want = Math.min(m, n * (req.maxPer ? 8 : 1) + (hasRow ? seen.indptr[u + 1] - seen.indptr[u] : 0));
      for (;;) {
        topKIntoRow(s, r * m, m, want, candI, candS, 0, (j) => mark[allowedList[j]] === 1);
        counts.clear();
        let got = 0;
        for (let c = 0; c < want && got < n; c++) {
          if (candI[c] < 0) break;
          const item = allowedList[candI[c]];
          if (req.maxPer) {
            const code = req.maxPer.codes[item];
            if (code >= 0) {
              const used = counts.get(code) ?? 0;
              if (used >= req.maxPer.max) continue;
              counts.set(code, used + 1);
            }
          }
          items[(b0 + r) * n + got] = item;
          scores[(b0 + r) * n + got] = candS[c];
          got++;
        }
        if (got >= n || want >= m) break;
        for (let j = 0; j < n; j++) {
          items[(b0 + r) * n + j] = -1;
          scores[(b0 + r) * n + j] = -Infinity;
        }
        want = Math.min(m, want * 4);
      }
      if (hasRow) for (let e = seen.indptr[u]; e < seen.indptr[u + 1]; e++) mark[seen.indices[e]] = 0;
    }
  }
  return { items, scores };
}
