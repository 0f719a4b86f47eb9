// Gradient-boosted trees for a binary label with logloss (Newton boosting, as in XGBoost/LightGBM):
// features are binned once into ≤ `bins` quantile bins; each tree grows level by level to `depth`,
// split gain = G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) over per-bin sums of g = p − y and
// h = p(1 − p); leaf value = −η·G/(H+λ). The larger child's histogram is parent − smaller child.
// Pure. X is column-major: X[f·nRows + r].

export interface GbdtConfig {
  /** Number of boosting rounds. */
  trees: number;
  /** Maximum depth of each tree (2^depth leaves at most). */
  depth: number;
  /** Shrinkage η applied to every leaf value. */
  learningRate: number;
  /** Quantile bins per feature (≤ 256). */
  bins: number;
  /** L2 penalty λ on leaf values. */
  l2: number;
  /** Minimum hessian sum Σh in a child for a split to be allowed. */
  minChildHessian: number;
  /** Fraction of training rows sampled (without replacement, per tree) to grow each tree. */
  rowSample: number;
  /** Seed of the row sampler (training is deterministic for a given seed). */
  seed: number;
  /** 'logloss': pointwise binary. 'softmax': listwise over groups of `groupSize` consecutive training
   *  rows (one customer's offers): p = softmax(F) within the group, target t = y/Σy, g = p − t,
   *  h = p(1 − p) — the ListNet loss, closer to per-customer NDCG than pointwise logloss. */
  objective: 'logloss' | 'softmax';
}

export const defaultGbdtConfig: GbdtConfig = {
  trees: 150,
  depth: 4,
  learningRate: 0.1,
  bins: 32,
  l2: 1,
  minChildHessian: 5,
  rowSample: 0.5,
  seed: 1,
  objective: 'logloss',
};

/** Trees as complete binary trees of 2^(depth+1) − 1 nodes; node i has children 2i+1, 2i+2. */
export interface GbdtModel {
  kind: 'gbdt';
  depth: number;
  nFeatures: number;
  /** Initial logit log(p̄/(1−p̄)). */
  base: number;
  /** Per tree × node: split feature, or −1 for a leaf. */
  feature: Int32Array;
  /** Per tree × node: go left when x ≤ threshold. */
  threshold: Float32Array;
  /** Per tree × node: leaf value (logit increment), 0 for inner nodes. */
  value: Float32Array;
  nTrees: number;
  /** True when trained with the softmax objective: scores compare only within a group. */
  softmax: boolean;
}

/** Feature cut points: thresholds[f] ascending; bin(x) = first b with x ≤ thresholds[f][b], else last bin. */
function binEdges(X: Float32Array, nRows: number, nF: number, rows: Int32Array, bins: number): Float32Array[] {
  const sampleN = Math.min(rows.length, 50_000);
  const step = rows.length / sampleN;
  const out: Float32Array[] = [];
  const buf = new Float32Array(sampleN);
  for (let f = 0; f < nF; f++) {
    for (let i = 0; i < sampleN; i++) buf[i] = X[f * nRows + rows[Math.floor(i * step)]];
    buf.sort();
    // Walk distinct values; close a bin after value v once the running count passes the next
    // quantile target, so a heavy mass point (e.g. 80 % zeros) still gets its own bin.
    const edges: number[] = [];
    let i = 0,
      target = sampleN / bins;
    while (i < sampleN) {
      let j = i;
      while (j + 1 < sampleN && buf[j + 1] === buf[i]) j++;
      if (j + 1 < sampleN && j + 1 >= target && edges.length < bins - 1) {
        edges.push(buf[i]);
        while (target <= j + 1) target += sampleN / bins;
      }
      i = j + 1;
    }
    out.push(Float32Array.from(edges));
  }
  return out;
}

function binOf(edges: Float32Array, x: number): number {
  let lo = 0,
    hi = edges.length; // first edge ≥ x
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Per (feature, bin): [Σg, Σh] over training rows idx[s..e), as H[(f·B + bin)·2 + {0,1}].
 *  Codes are row-major (code[i·nF + f]) so each row's bins are read contiguously, once. */
function histogram(
  code: Uint8Array,
  nF: number,
  B: number,
  idx: Int32Array,
  s: number,
  e: number,
  g: Float64Array,
  h: Float64Array,
): Float64Array {
  const H = new Float64Array(nF * B * 2);
  for (let k = s; k < e; k++) {
    const i = idx[k],
      gi = g[i],
      hi = h[i],
      cb = i * nF;
    for (let f = 0; f < nF; f++) {
      const j = (f * B + code[cb + f]) * 2;
      H[j] += gi;
      H[j + 1] += hi;
    }
  }
  return H;
}

/** [Σg, Σh] over idx[s..e): all a leaf needs. */
function sums(idx: Int32Array, s: number, e: number, g: Float64Array, h: Float64Array): Float64Array {
  let G = 0,
    Hs = 0;
  for (let k = s; k < e; k++) {
    G += g[idx[k]];
    Hs += h[idx[k]];
  }
  return Float64Array.of(G, Hs);
}

/** Trains on `rows` (indices into X's rows) with labels y[r] ∈ {0,1}; with the softmax objective,
 *  rows[k·groupSize .. (k+1)·groupSize) form group k (a group without a positive gets no gradient).
 *  `weights[i]` (optional, logloss only) weighs training row rows[i]: it multiplies g and h, and the
 *  base is the weighted positive rate (uplift re-weights arms of unequal size this way). */
export function gbdtFromData(
  X: Float32Array,
  nRows: number,
  nF: number,
  y: Uint8Array,
  rows: Int32Array,
  cfg: GbdtConfig = defaultGbdtConfig,
  groupSize = 1,
  weights?: Float64Array,
): GbdtModel {
  const softmax = cfg.objective === 'softmax';
  if (weights && (softmax || weights.length !== rows.length))
    throw new Error(`gbdt: weights need the logloss objective and one weight per training row (${rows.length})`);
  if (softmax && (groupSize < 1 || rows.length % groupSize !== 0))
    throw new Error(`gbdt: ${rows.length} rows are not whole groups of ${groupSize}`);
  const n = rows.length,
    B = cfg.bins,
    nNodes = (1 << (cfg.depth + 1)) - 1;
  const edges = binEdges(X, nRows, nF, rows, B);
  const code = new Uint8Array(nF * n); // code[i·nF + f] for training row i
  for (let f = 0; f < nF; f++) for (let i = 0; i < n; i++) code[i * nF + f] = binOf(edges[f], X[f * nRows + rows[i]]);
  const yy = new Float64Array(n);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    yy[i] = y[rows[i]];
    pos += yy[i];
  }
  let rate = pos / Math.max(1, n);
  if (weights) {
    let sw = 0,
      swy = 0;
    for (let i = 0; i < n; i++) {
      sw += weights[i];
      swy += weights[i] * yy[i];
    }
    rate = sw > 0 ? swy / sw : rate;
  }
  const pBar = Math.min(1 - 1e-6, Math.max(1e-6, rate));
  // Softmax scores are invariant to a shared shift, so its base is 0.
  const base = softmax ? 0 : Math.log(pBar / (1 - pBar));
  const F = new Float64Array(n).fill(base),
    g = new Float64Array(n),
    h = new Float64Array(n);
  const feature = new Int32Array(cfg.trees * nNodes).fill(-1),
    threshold = new Float32Array(cfg.trees * nNodes),
    value = new Float32Array(cfg.trees * nNodes);
  const splitBin = new Int32Array(nNodes);
  const idx = new Int32Array(n),
    nodeStart = new Int32Array(nNodes),
    nodeEnd = new Int32Array(nNodes);
  const hist: (Float64Array | null)[] = new Array(nNodes).fill(null);
  let seed = cfg.seed >>> 0 || 1;
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;

  for (let t = 0; t < cfg.trees; t++) {
    if (softmax) softmaxGradients(F, yy, groupSize, g, h);
    else
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-F[i]));
        g[i] = p - yy[i];
        h[i] = Math.max(1e-12, p * (1 - p));
        if (weights) {
          g[i] *= weights[i];
          h[i] = Math.max(1e-12, h[i] * weights[i]);
        }
      }
    let m = 0;
    for (let i = 0; i < n; i++) if (cfg.rowSample >= 1 || rand() < cfg.rowSample) idx[m++] = i;
    nodeStart[0] = 0;
    nodeEnd[0] = m;
    hist.fill(null);
    hist[0] = nNodes === 1 ? sums(idx, 0, m, g, h) : histogram(code, nF, B, idx, 0, m, g, h);
    const tb = t * nNodes;
    for (let node = 0; node < nNodes; node++) {
      const H = hist[node];
      if (!H) continue;
      let G = 0,
        Hs = 0;
      if (H.length === 2) {
        G = H[0];
        Hs = H[1];
      } else
        for (let b = 0; b < B; b++) {
          G += H[b * 2];
          Hs += H[b * 2 + 1];
        }
      const leafValue = (-cfg.learningRate * G) / (Hs + cfg.l2);
      const isLastLevel = 2 * node + 1 >= nNodes;
      let best = 0,
        bf = -1,
        bb = -1;
      if (!isLastLevel) {
        const parentScore = (G * G) / (Hs + cfg.l2);
        for (let f = 0; f < nF; f++) {
          let gl = 0,
            hl = 0;
          const nb = edges[f].length; // bins 0..nb; split after bin b means code ≤ b goes left
          for (let b = 0; b < nb; b++) {
            gl += H[(f * B + b) * 2];
            hl += H[(f * B + b) * 2 + 1];
            const gr = G - gl,
              hr = Hs - hl;
            if (hl < cfg.minChildHessian || hr < cfg.minChildHessian) continue;
            const gain = (gl * gl) / (hl + cfg.l2) + (gr * gr) / (hr + cfg.l2) - parentScore;
            if (gain > best + 1e-12) {
              best = gain;
              bf = f;
              bb = b;
            }
          }
        }
      }
      if (bf < 0) {
        value[tb + node] = leafValue;
        hist[node] = null;
        continue;
      }
      feature[tb + node] = bf;
      threshold[tb + node] = edges[bf][bb];
      splitBin[node] = bb;
      // Partition idx[s, e) into left (code ≤ bb) and right.
      const s = nodeStart[node],
        e = nodeEnd[node];
      let i = s,
        j = e - 1;
      while (i <= j) {
        if (code[idx[i] * nF + bf] <= bb) i++;
        else {
          const tmp = idx[i];
          idx[i] = idx[j];
          idx[j] = tmp;
          j--;
        }
      }
      const L = 2 * node + 1,
        R = L + 1;
      nodeStart[L] = s;
      nodeEnd[L] = i;
      nodeStart[R] = i;
      nodeEnd[R] = e;
      if (2 * L + 1 >= nNodes) {
        // children are leaves: sums suffice
        hist[L] = sums(idx, s, i, g, h);
        hist[R] = sums(idx, i, e, g, h);
      } else {
        const leftSmaller = i - s <= e - i;
        const small = leftSmaller ? histogram(code, nF, B, idx, s, i, g, h) : histogram(code, nF, B, idx, i, e, g, h);
        const large = new Float64Array(H.length);
        for (let k = 0; k < H.length; k++) large[k] = H[k] - small[k];
        hist[L] = leftSmaller ? small : large;
        hist[R] = leftSmaller ? large : small;
      }
      hist[node] = null;
    }
    // Update every training row's logit (sampled or not) by walking the new tree on bin codes.
    for (let r = 0; r < n; r++) {
      let node = 0;
      while (feature[tb + node] >= 0) node = code[r * nF + feature[tb + node]] <= splitBin[node] ? 2 * node + 1 : 2 * node + 2;
      F[r] += value[tb + node];
    }
    // splitBin is per tree; reset not needed since every split node of tree t rewrites it.
  }
  return { kind: 'gbdt', depth: cfg.depth, nFeatures: nF, base, feature, threshold, value, nTrees: cfg.trees, softmax };
}

/** Per group of `m` consecutive rows: p = softmax(F), t = y/Σy, g = p − t, h = p(1 − p) (0 without a positive). */
function softmaxGradients(F: Float64Array, y: Float64Array, m: number, g: Float64Array, h: Float64Array): void {
  for (let s = 0; s < F.length; s += m) {
    let max = -Infinity,
      pos = 0;
    for (let i = s; i < s + m; i++) {
      if (F[i] > max) max = F[i];
      pos += y[i];
    }
    if (pos === 0) {
      g.fill(0, s, s + m);
      h.fill(1e-12, s, s + m);
      continue;
    }
    let z = 0;
    for (let i = s; i < s + m; i++) z += Math.exp(F[i] - max);
    for (let i = s; i < s + m; i++) {
      const p = Math.exp(F[i] - max) / z;
      g[i] = p - y[i] / pos;
      h[i] = Math.max(1e-12, p * (1 - p));
    }
  }
}

/** Rows scored through all trees at once by gbdtScores. */
const SCORE_BLOCK = 512;

/** Logit per row of `rows` (all rows when omitted). */
export function gbdtScores(model: GbdtModel, X: Float32Array, nRows: number, rows?: Int32Array): Float64Array {
  const nNodes = (1 << (model.depth + 1)) - 1;
  const m = rows ? rows.length : nRows;
  const out = new Float64Array(m).fill(model.base);
  // Blocks of rows through every tree: a block's feature values stay in cache across the trees
  // (tree by tree over millions of column-major rows re-reads them from memory per tree).
  const { feature, threshold, value } = model;
  for (let k0 = 0; k0 < m; k0 += SCORE_BLOCK) {
    const k1 = Math.min(m, k0 + SCORE_BLOCK);
    for (let t = 0; t < model.nTrees; t++) {
      const tb = t * nNodes;
      for (let k = k0; k < k1; k++) {
        const r = rows ? rows[k] : k;
        let node = 0;
        while (feature[tb + node] >= 0) node = X[feature[tb + node] * nRows + r] <= threshold[tb + node] ? 2 * node + 1 : 2 * node + 2;
        out[k] += value[tb + node];
      }
    }
  }
  return out;
}
