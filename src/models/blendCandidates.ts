// Candidate features the blend learns its weights on (blendWeights.ts), per variant and customer type:
// per validation user the union of every component's top-M eligible items ('new': without the user's
// history items), each with the normalised score of every component (blendFeatures.ts semantics:
// 'max' = s / row max over all items, 'rank' = o/(o + r) over the component's top-M positive eligible items).
// Fast path of a per-user blendFeatureRow + topKIntoRow per component and variant: one top-(M + h)
// selection per component and user serves both variants (h = the user's history size; dropping the
// history items from it leaves the new-items top-M), and features are computed for candidates only.
// Users without a bought item among their candidates keep no rows: their NDCG is 0 whatever the weights.
import { topPositiveIntoRow } from '../math/topK.ts';
import type { BlendNormalisation } from './blendFeatures.ts';
import type { BlendTrainingSet } from './blendWeights.ts';
import type { InteractionLog, Recommender } from './recommender.ts';

export type BlendVariant = 'all' | 'new';

export interface BlendCandidateOptions {
  /** M: candidates per component and user */
  candidates: number;
  normalise: BlendNormalisation;
  rankOffset: number;
}

/** Users scored per batch: C components × batch × nItems float32 scores at once. */
const BATCH = 256;

export async function blendCandidateSets(
  components: Recommender[],
  log: InteractionLog,
  users: Int32Array,
  truth: Set<number>[],
  seg: Int32Array,
  nSeg: number,
  opt: BlendCandidateOptions,
  onBatch: (done: number, total: number) => void = () => {},
): Promise<Record<BlendVariant, BlendTrainingSet[]>> {
  const C = components.length,
    n = log.nItems,
    M = opt.candidates;
  const acc = { all: [] as SetBuilder[], new: [] as SetBuilder[] };
  for (let g = 0; g < nSeg; g++) {
    acc.all.push(newBuilder());
    acc.new.push(newBuilder());
  }
  const seen = new Uint8Array(n),
    mark = new Uint8Array(n);
  // per component: rank + 1 of item j in the current list (0 = not in it), reset after each user/variant
  const rankOf = new Int32Array(C * n);
  let ti = new Int32Array(0),
    ts = new Float32Array(0);
  const lists: Int32Array[] = Array.from({ length: C }, () => new Int32Array(M));
  const listLen = new Int32Array(C),
    rowMax = new Float64Array(C);
  for (let b = 0; b < users.length; b += BATCH) {
    const batch = users.subarray(b, Math.min(users.length, b + BATCH));
    const scores: Float32Array[] = [];
    for (const c of components) scores.push(await c.scoreItems(batch));
    for (let r = 0; r < batch.length; r++) {
      const u = batch[r],
        h = log.indptr[u + 1] - log.indptr[u];
      for (let e = log.indptr[u]; e < log.indptr[u + 1]; e++) seen[log.indices[e]] = 1;
      const depth = Math.min(n, M + h);
      if (ti.length < C * depth) {
        ti = new Int32Array(C * depth);
        ts = new Float32Array(C * depth);
      }
      for (let c = 0; c < C; c++) {
        // only positive scores make candidates (and a positive row maximum normalises 'max' features)
        const got = topPositiveIntoRow(scores[c], r * n, n, depth, ti, ts, c * depth);
        rowMax[c] = got > 0 ? ts[c * depth] : 0;
      }
      for (const variant of ['all', 'new'] as BlendVariant[]) {
        const isNew = variant === 'new';
        let nTruth = 0;
        for (const j of truth[u]) if (!isNew || !seen[j]) nTruth++;
        if (nTruth === 0) continue;
        const cand: number[] = [];
        for (let c = 0; c < C; c++) {
          let len = 0;
          for (let t = c * depth; t < (c + 1) * depth && len < M; t++) {
            const j = ti[t];
            if (j < 0 || !(ts[t] > 0)) break;
            if (isNew && seen[j]) continue;
            lists[c][len++] = j;
            rankOf[c * n + j] = len;
            if (!mark[j]) {
              mark[j] = 1;
              cand.push(j);
            }
          }
          listLen[c] = len;
        }
        cand.sort((p, q) => p - q);
        let hit = false;
        for (const j of cand)
          if (truth[u].has(j)) {
            hit = true;
            break;
          }
        const set = acc[variant][seg[u]];
        for (const j of cand) {
          mark[j] = 0;
          if (!hit) continue;
          const row = r * n + j;
          for (let c = 0; c < C; c++) {
            const rk = rankOf[c * n + j];
            set.x.push(
              opt.normalise === 'rank'
                ? rk > 0
                  ? opt.rankOffset / (opt.rankOffset + rk - 1)
                  : 0
                : rowMax[c] > 0
                  ? scores[c][row] / rowMax[c]
                  : 0,
            );
          }
          set.label.push(truth[u].has(j) ? 1 : 0);
        }
        for (let c = 0; c < C; c++) for (let t = 0; t < listLen[c]; t++) rankOf[c * n + lists[c][t]] = 0;
        set.ptr.push(set.label.length);
        set.nTruth.push(nTruth);
      }
      for (let e = log.indptr[u]; e < log.indptr[u + 1]; e++) seen[log.indices[e]] = 0;
    }
    onBatch(b + batch.length, users.length);
  }
  const done = (x: SetBuilder): BlendTrainingSet => ({
    nFeatures: C,
    users: x.nTruth.length,
    ptr: Int32Array.from(x.ptr),
    x: Float32Array.from(x.x),
    label: Uint8Array.from(x.label),
    nTruth: Int32Array.from(x.nTruth),
  });
  return { all: acc.all.map(done), new: acc.new.map(done) };
}

interface SetBuilder {
  ptr: number[];
  x: number[];
  label: number[];
  nTruth: number[];
}
function newBuilder(): SetBuilder {
  return { ptr: [0], x: [], label: [], nTruth: [] };
}
