// Learns blend weights w ≥ 0 maximising mean NDCG@k over validation users by coordinate ascent
// (each pass tries a grid of values per weight and keeps any improvement). NDCG is not smooth
// in w, so a direct search on the metric beats fitting a surrogate here and stays cheap:
// one evaluation = Σ_users (#candidates × #features) multiply-adds.
export interface BlendTrainingSet {
  nFeatures: number;
  users: number;
  /** length users + 1: candidates of user r are rows ptr[r] .. ptr[r+1]-1 */
  ptr: Int32Array;
  /** candidate rows × nFeatures, row-major */
  x: Float32Array;
  /** 1 when the candidate was bought in the validation window */
  label: Uint8Array;
  /** |T| per user (truth items outside the candidates still count in the ideal DCG) */
  nTruth: Int32Array;
}

/** Mean NDCG@k of ranking each user's candidates by x·w (ties: earlier candidate first). */
export function ndcgOfWeights(set: BlendTrainingSet, w: number[], k: number): number {
  return ndcgOfScores(set, scoresOfWeights(set, w), k);
}

/** Candidate scores x·w. */
export function scoresOfWeights(set: BlendTrainingSet, w: number[]): Float64Array {
  const C = set.nFeatures, n = set.label.length, s = new Float64Array(n);
  for (let c = 0; c < n; c++) { let v = 0; for (let f = 0; f < C; f++) v += w[f] * set.x[c * C + f]; s[c] = v; }
  return s;
}

/** Mean NDCG@k of ranking each user's candidates by `score` (ties: earlier candidate first). */
export function ndcgOfScores(set: BlendTrainingSet, score: Float64Array, k: number): number {
  if (set.users === 0) return 0;
  const topS = new Float64Array(k), topL = new Uint8Array(k);
  const idcg = new Float64Array(k + 1);
  for (let r = 1; r <= k; r++) idcg[r] = idcg[r - 1] + 1 / Math.log2(r + 1);
  let sum = 0;
  for (let u = 0; u < set.users; u++) {
    let size = 0;
    for (let c = set.ptr[u]; c < set.ptr[u + 1]; c++) {
      const s = score[c];
      if (size === k && s <= topS[k - 1]) continue;
      let p = size < k ? size++ : k - 1;
      while (p > 0 && topS[p - 1] < s) { topS[p] = topS[p - 1]; topL[p] = topL[p - 1]; p--; }
      topS[p] = s; topL[p] = set.label[c];
    }
    let dcg = 0;
    for (let r = 0; r < size; r++) if (topL[r]) dcg += 1 / Math.log2(r + 2);
    sum += dcg / idcg[Math.min(k, set.nTruth[u])];
  }
  return sum / set.users;
}

/** Coordinate ascent from `init` (default: the best single feature). Weights are rescaled to max 1. */
export function blendWeightsFromCandidates(set: BlendTrainingSet, k: number, rounds: number, init?: number[]): { weights: number[]; ndcg: number } {
  const C = set.nFeatures;
  let w: number[];
  let best: number;
  if (init) { w = [...init]; best = ndcgOfWeights(set, w, k); }
  else {
    w = []; best = -1;
    for (let c = 0; c < C; c++) {
      const e = Array.from({ length: C }, (_, f) => (f === c ? 1 : 0));
      const v = ndcgOfWeights(set, e, k);
      if (v > best) { best = v; w = e; }
    }
  }
  const grid = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 10];
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    for (let c = 0; c < C; c++) {
      const scale = Math.max(...w.filter((_, f) => f !== c), 1e-9);
      const tried = new Set<number>([...grid.map((g) => g * scale), w[c] * 0.8, w[c] * 1.25]);
      // scores with weight c removed; each trial adds v·x_c: O(candidates) per trial
      const base = scoresOfWeights(set, w.map((x, f) => (f === c ? 0 : x)));
      const trial = new Float64Array(base.length);
      for (const v of tried) {
        if (v === w[c] || v < 0) continue;
        for (let r = 0; r < base.length; r++) trial[r] = base[r] + v * set.x[r * C + c];
        const score = ndcgOfScores(set, trial, k);
        if (score > best + 1e-9) { best = score; w = w.map((x, f) => (f === c ? v : x)); improved = true; }
      }
    }
    if (!improved) break;
  }
  const m = Math.max(...w);
  return { weights: m > 0 ? w.map((x) => x / m) : w, ndcg: best };
}

/** The users of several training sets as one set (for the weights shared by all customer types). */
export function concatSets(sets: BlendTrainingSet[]): BlendTrainingSet {
  const C = sets[0].nFeatures;
  const users = sets.reduce((a, s) => a + s.users, 0), rows = sets.reduce((a, s) => a + s.label.length, 0);
  const out: BlendTrainingSet = { nFeatures: C, users, ptr: new Int32Array(users + 1), x: new Float32Array(rows * C), label: new Uint8Array(rows), nTruth: new Int32Array(users) };
  let u0 = 0, r0 = 0;
  for (const s of sets) {
    for (let u = 0; u < s.users; u++) { out.ptr[u0 + u + 1] = r0 + s.ptr[u + 1]; out.nTruth[u0 + u] = s.nTruth[u]; }
    out.x.set(s.x, r0 * C); out.label.set(s.label, r0);
    u0 += s.users; r0 += s.label.length;
  }
  return out;
}
