// Top-n unseen items for many users from factor scores on onnxruntime, in user batches.
// Exclusion is a sparse fix-up rather than a dense mask: for a batch whose users bought at most m
// items, TopK returns n + m candidates per user (at least n of them unseen), and seen ones are
// dropped here. A user with more than `maxFixup` seen items is ranked by a full JS scan instead,
// so one heavy buyer cannot blow up K for the whole batch. With an int8 scorer, n + 20 extra
// candidates per user are re-scored exactly in float and the best n kept. Users are taken in order of
// seen count (positionsBySeenCount), so K stays small for the light buyers who are most users.
import type { TopKScorer } from '../math/onnxTopK.ts';
import { topKIntoRow } from '../math/topK.ts';

export interface SeenRows {
  /** CSR over users: items each user must not get (indptr length nUsers + 1). */
  indptr: Int32Array;
  indices: Int32Array;
}

export interface TopNOptions {
  n: number;
  /** Users per onnxruntime call: batch × nItems float32 scores live at once. */
  batch?: number;
  /** Largest seen count handled by widening K; heavier users get a full scan. */
  maxFixup?: number;
  onBatch?: (done: number, total: number) => void;
}

/**
 * users: dense user indices; userFactors: nUsers×k (row u = user u). Returns users.length × n items
 * and raw scores (item −1 / score −Infinity where fewer than n unseen items exist).
 */
export async function topNExcludingSeen(
  scorer: TopKScorer,
  userFactors: Float32Array,
  users: Int32Array,
  seen: SeenRows | null,
  itemFactors: Float32Array,
  opts: TopNOptions,
) {
  const { n } = opts;
  const { k, nItems } = scorer;
  const batch = opts.batch ?? Math.max(64, Math.min(2048, Math.floor(25_000_000 / nItems)));
  const maxFixup = opts.maxFixup ?? 256;
  const outItems = new Int32Array(users.length * n).fill(-1);
  const outScores = new Float32Array(users.length * n).fill(-Infinity);
  const u = new Float32Array(batch * k);
  const mark = new Uint8Array(nItems);
  const row = new Float32Array(nItems);
  const cand = new Float32Array(nItems);
  const order = positionsBySeenCount(users, seen, maxFixup);
  for (let b0 = 0; b0 < users.length; b0 += batch) {
    const b1 = Math.min(users.length, b0 + batch);
    let m = 0;
    for (let t = b0; t < b1; t++) {
      const us = users[order[t]];
      u.set(userFactors.subarray(us * k, us * k + k), (t - b0) * k);
      const cnt = seen && us + 1 < seen.indptr.length ? seen.indptr[us + 1] - seen.indptr[us] : 0;
      if (cnt <= maxFixup) m = Math.max(m, cnt);
    }
    // An approximate (int8) scorer returns extra candidates, re-ranked below with exact dots.
    const K = Math.min(nItems, n + m + (scorer.exact ? 0 : n + 20));
    const res = await scorer.topK(u, b1 - b0, K);
    for (let t = b0; t < b1; t++) {
      const r = order[t];
      const us = users[r];
      const s0 = seen && us + 1 < seen.indptr.length ? seen.indptr[us] : 0;
      const s1 = seen && us + 1 < seen.indptr.length ? seen.indptr[us + 1] : 0;
      for (let e = s0; e < s1; e++) mark[seen!.indices[e]] = 1;
      if (s1 - s0 > maxFixup) {
        // Full scan for a heavy buyer: scores of all items, then skip the seen ones.
        const xo = us * k;
        for (let i = 0; i < nItems; i++) {
          let d = 0;
          for (let a = 0; a < k; a++) d += userFactors[xo + a] * itemFactors[i * k + a];
          row[i] = d;
        }
        topKIntoRow(row, 0, nItems, n, outItems, outScores, r * n, (j) => mark[j] === 1);
      } else if (!scorer.exact) {
        const base = (t - b0) * K;
        const xo = us * k;
        for (let j = 0; j < K; j++) {
          const it = res.items[base + j];
          let d = -Infinity;
          if (!mark[it]) {
            d = 0;
            for (let a = 0; a < k; a++) d += userFactors[xo + a] * itemFactors[it * k + a];
          }
          cand[j] = d;
        }
        topKIntoRow(cand, 0, K, n, outItems, outScores, r * n);
        for (let j = 0; j < n; j++) {
          const c = outItems[r * n + j];
          outItems[r * n + j] = c >= 0 ? res.items[base + c] : -1;
        }
      } else {
        let got = 0;
        const base = (t - b0) * K;
        for (let j = 0; j < K && got < n; j++) {
          const it = res.items[base + j];
          if (mark[it]) continue;
          outItems[r * n + got] = it;
          outScores[r * n + got] = res.scores[base + j];
          got++;
        }
      }
      for (let e = s0; e < s1; e++) mark[seen!.indices[e]] = 0;
    }
    opts.onBatch?.(b1, users.length);
  }
  return { items: outItems, scores: outScores };
}

/**
 * Positions of `users` in ascending order of seen count (a stable counting sort; counts above maxFixup
 * share the last bucket). A batch's K is n + its largest seen count, so batching light buyers together
 * keeps TopK narrow for most batches instead of letting one heavy buyer widen every batch to ~n + maxFixup.
 */
function positionsBySeenCount(users: Int32Array, seen: SeenRows | null, maxFixup: number): Int32Array {
  const order = new Int32Array(users.length);
  if (!seen) {
    for (let i = 0; i < users.length; i++) order[i] = i;
    return order;
  }
  const count = (i: number) => {
    const us = users[i];
    return us + 1 < seen.indptr.length ? Math.min(maxFixup + 1, seen.indptr[us + 1] - seen.indptr[us]) : 0;
  };
  const start = new Int32Array(maxFixup + 3);
  for (let i = 0; i < users.length; i++) start[count(i) + 1]++;
  for (let c = 1; c < start.length; c++) start[c] += start[c - 1];
  for (let i = 0; i < users.length; i++) order[start[count(i)]++] = i;
  return order;
}
