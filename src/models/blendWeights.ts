// Learns blend weights w ≥ 0 maximising mean NDCG@k over validation users by coordinate ascent
// (each pass tries a grid of values per weight and keeps any improvement). NDCG is not smooth
// in w, so a direct search on the metric beats fitting a surrogate here and stays cheap: per weight,
// the candidates that cannot reach a user's top k for any trial value are dropped first (candidatesOnLine),
// then each trial re-ranks the few left. Same weights as blendWeights.reference.ts, several times faster.
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
  const C = set.nFeatures,
    n = set.label.length,
    s = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    let v = 0;
    for (let f = 0; f < C; f++) v += w[f] * set.x[c * C + f];
    s[c] = v;
  }
  return s;
}

/** Where the ascent starts: `init`, else the best single feature (one-hot weights); with its NDCG@k. */
export function startingWeights(set: BlendTrainingSet, k: number, init?: number[]): { w: number[]; best: number } {
  if (init) return { w: [...init], best: ndcgOfWeights(set, init, k) };
  let w: number[] = [],
    best = -1;
  for (let c = 0; c < set.nFeatures; c++) {
    const e = Array.from({ length: set.nFeatures }, (_, f) => (f === c ? 1 : 0));
    const v = ndcgOfWeights(set, e, k);
    if (v > best) {
      best = v;
      w = e;
    }
  }
  return { w, best };
}

/** Mean NDCG@k of ranking each user's candidates by `score` (ties: earlier candidate first). */
export function ndcgOfScores(set: BlendTrainingSet, score: Float64Array, k: number): number {
  if (set.users === 0) return 0;
  const topS = new Float64Array(k),
    topL = new Uint8Array(k),
    idcg = idcgTable(k);
  let sum = 0;
  for (let u = 0; u < set.users; u++) {
    let size = 0;
    for (let c = set.ptr[u]; c < set.ptr[u + 1]; c++) {
      const s = score[c];
      if (size === k && s <= topS[k - 1]) continue;
      let p = size < k ? size++ : k - 1;
      while (p > 0 && topS[p - 1] < s) {
        topS[p] = topS[p - 1];
        topL[p] = topL[p - 1];
        p--;
      }
      topS[p] = s;
      topL[p] = set.label[c];
    }
    let dcg = 0;
    for (let r = 0; r < size; r++) if (topL[r]) dcg += 1 / Math.log2(r + 2);
    sum += dcg / idcg[Math.min(k, set.nTruth[u])];
  }
  return sum / set.users;
}

/** Coordinate ascent from `init` (default: the best single feature). Weights are rescaled to max 1. */
export function blendWeightsFromCandidates(
  set: BlendTrainingSet,
  k: number,
  rounds: number,
  init?: number[],
): { weights: number[]; ndcg: number } {
  const C = set.nFeatures;
  let { w, best } = startingWeights(set, k, init);
  const grid = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 10];
  const rows = set.label.length,
    dir = new Float64Array(rows);
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    for (let c = 0; c < C; c++) {
      const scale = Math.max(...w.filter((_, f) => f !== c), 1e-9);
      // the same trial values, in the same order, as the reference
      const trials: number[] = [];
      for (const v of new Set<number>([...grid.map((g) => g * scale), w[c] * 0.8, w[c] * 1.25])) {
        if (v === w[c] || v < 0) continue;
        if (v === 0 && w.every((x, f) => f === c || x === 0)) continue;
        trials.push(v);
      }
      if (trials.length === 0) continue;
      // scores with weight c removed; trial v scores base + v·x_c
      const base = scoresOfWeights(
        set,
        w.map((x, f) => (f === c ? 0 : x)),
      );
      for (let r = 0; r < rows; r++) dir[r] = set.x[r * C + c];
      const line = candidatesOnLine(set, base, dir, Math.min(...trials), Math.max(...trials), k);
      for (const v of trials) {
        const score = ndcgOnLine(line, v, k);
        if (score > best + 1e-9) {
          best = score;
          w = w.map((x, f) => (f === c ? v : x));
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  const m = Math.max(...w);
  return { weights: m > 0 ? w.map((x) => x / m) : w, ndcg: best };
}

/** Candidates scored base + v·dir for v in [lo, hi], pruned to those that can be in a top k there. */
interface LineSet {
  users: number;
  ptr: Int32Array;
  base: Float64Array;
  dir: Float64Array;
  label: Uint8Array;
  nTruth: Int32Array;
}

/**
 * Keeps per user the candidates that can rank in the top k for some v in [lo, hi]. A score is linear in v,
 * so it lies between its values at lo and hi (L_r ≤ s_r(v) ≤ U_r; rounding is monotone, so also in floats):
 * when U_r is below the k-th largest L, k candidates beat r at every v and r is dropped. Users left without
 * a bought candidate score 0 whatever v and keep no rows (they still count in the mean).
 */
function candidatesOnLine(set: BlendTrainingSet, base: Float64Array, dir: Float64Array, lo: number, hi: number, k: number): LineSet {
  const n = set.label.length;
  const keep = new Uint8Array(n);
  let kept = 0;
  const kth = new Float64Array(k);
  for (let u = 0; u < set.users; u++) {
    const a = set.ptr[u],
      b = set.ptr[u + 1];
    // the k largest lower bounds, ascending: kth[0] is the k-th largest (sorted insertion; k is small)
    let size = 0;
    for (let r = a; r < b; r++) {
      const l = Math.min(base[r] + lo * dir[r], base[r] + hi * dir[r]);
      if (size < k) {
        let p = size++;
        while (p > 0 && kth[p - 1] > l) {
          kth[p] = kth[p - 1];
          p--;
        }
        kth[p] = l;
      } else if (l > kth[0]) {
        let p = 0;
        while (p + 1 < k && kth[p + 1] < l) {
          kth[p] = kth[p + 1];
          p++;
        }
        kth[p] = l;
      }
    }
    const theta = size < k ? -Infinity : kth[0];
    let hit = false;
    for (let r = a; r < b; r++) {
      if (Math.max(base[r] + lo * dir[r], base[r] + hi * dir[r]) < theta) continue;
      keep[r] = 1;
      if (set.label[r]) hit = true;
    }
    if (!hit) for (let r = a; r < b; r++) keep[r] = 0;
    else for (let r = a; r < b; r++) kept += keep[r];
  }
  const out: LineSet = {
    users: set.users,
    ptr: new Int32Array(set.users + 1),
    base: new Float64Array(kept),
    dir: new Float64Array(kept),
    label: new Uint8Array(kept),
    nTruth: set.nTruth,
  };
  let t = 0;
  for (let u = 0; u < set.users; u++) {
    for (let r = set.ptr[u]; r < set.ptr[u + 1]; r++) {
      if (!keep[r]) continue;
      out.base[t] = base[r];
      out.dir[t] = dir[r];
      out.label[t] = set.label[r];
      t++;
    }
    out.ptr[u + 1] = t;
  }
  return out;
}

/**
 * ndcgOfScores of the scores base + v·dir (same ranking rule: ties to the earlier candidate). Fused
 * rather than filling a score row and calling ndcgOfScores: that extra pass per trial made the B1
 * blend fit 15–20 % slower (20.5 / 21.6 s → 23.9 / 25.3 s, two runs each).
 */
function ndcgOnLine(set: LineSet, v: number, k: number): number {
  if (set.users === 0) return 0;
  const topS = new Float64Array(k),
    topL = new Uint8Array(k),
    idcg = idcgTable(k);
  let sum = 0;
  for (let u = 0; u < set.users; u++) {
    let size = 0;
    for (let c = set.ptr[u]; c < set.ptr[u + 1]; c++) {
      const s = set.base[c] + v * set.dir[c];
      if (size === k && s <= topS[k - 1]) continue;
      let p = size < k ? size++ : k - 1;
      while (p > 0 && topS[p - 1] < s) {
        topS[p] = topS[p - 1];
        topL[p] = topL[p - 1];
        p--;
      }
      topS[p] = s;
      topL[p] = set.label[c];
    }
    let dcg = 0;
    for (let r = 0; r < size; r++) if (topL[r]) dcg += 1 / Math.log2(r + 2);
    if (dcg > 0) sum += dcg / idcg[Math.min(k, set.nTruth[u])];
  }
  return sum / set.users;
}

/** The users of several training sets as one set (for the weights shared by all customer types). */
export function concatSets(sets: BlendTrainingSet[]): BlendTrainingSet {
  const C = sets[0].nFeatures;
  const users = sets.reduce((a, s) => a + s.users, 0),
    rows = sets.reduce((a, s) => a + s.label.length, 0);
  const out: BlendTrainingSet = {
    nFeatures: C,
    users,
    ptr: new Int32Array(users + 1),
    x: new Float32Array(rows * C),
    label: new Uint8Array(rows),
    nTruth: new Int32Array(users),
  };
  let u0 = 0,
    r0 = 0;
  for (const s of sets) {
    for (let u = 0; u < s.users; u++) {
      out.ptr[u0 + u + 1] = r0 + s.ptr[u + 1];
      out.nTruth[u0 + u] = s.nTruth[u];
    }
    out.x.set(s.x, r0 * C);
    out.label.set(s.label, r0);
    u0 += s.users;
    r0 += s.label.length;
  }
  return out;
}

/** idcg[t] = Σ_{r=1..t} 1/log2(r + 1): the DCG of t bought items ranked first. */
function idcgTable(k: number): Float64Array {
  const idcg = new Float64Array(k + 1);
  for (let r = 1; r <= k; r++) idcg[r] = idcg[r - 1] + 1 / Math.log2(r + 1);
  return idcg;
}
