// EASE (Steck 2019): a closed-form item–item model.
//   G = XᵀX + λI (items × items),  P = G⁻¹,  B = I − P·diagMat(1/diag(P))  i.e.
//   B_ij = −P_ij / P_jj (i ≠ j), B_ii = 0;   score(u, ·) = x_u · B  (x_u = the user's row of X)
// X is binary (bought or not) or log(1 + orders). Items nobody bought are left out of the inverse
// (their B rows/columns are exactly 0). Size limit: G, P and B are dense m×m over the m bought items,
// so memory is ≈ 16·m² bytes while fitting (m = 20k → 6.4 GB) and the inverse is O(m³)
// (onnxruntime's com.microsoft::Inverse, ≈ 10–30 s for 3.6k items on 2 cores); `maxItems`
// refuses larger catalogues instead of running for hours.
// For big catalogues (the blend's EASE, defaultBlend.ts) two limits keep it proportionate:
// `maxActiveItems` runs the inverse on the most-bought items only (the others score 0 and add nothing:
// m³ time, m² memory), and `keepPerItem` keeps each row of B to its largest |B_ij| (m × K neighbour
// lists, scored in O(K) per history item and saved as such instead of m² floats).
import { inverseSpd } from '../math/denseCholesky.ts';
import { inverseOnOnnx } from '../math/onnxInverse.ts';
import { topKIntoRow } from '../math/topK.ts';
import { fitProgress } from './fitProgress.ts';
import type { InteractionLog } from './recommender.ts';
import { ScoredRecommender } from './scoredRecommender.ts';

export interface EaseConfig {
  /** λ: L2 penalty on B (added to the diagonal of the Gram matrix). */
  lambda: number;
  /** X entries: 'binary' = 1 per bought item, 'log-orders' = log(1 + distinct orders). */
  signal: 'binary' | 'log-orders';
  /** Refuse catalogues larger than this (dense n×n memory and O(n³) time). */
  maxItems: number;
  /** Below this many items the inverse runs in JS (Cholesky), above on onnxruntime. */
  onnxFromItems: number;
  /** At most this many items (the most bought; ties to the lower index) enter the inverse; 0 = every bought item. */
  maxActiveItems: number;
  /** Entries of B kept per row, the largest |B_ij|; 0 = dense B. */
  keepPerItem: number;
  /** Precision of the onnxruntime inverse: 'single' is about twice as fast (G + λI is well conditioned for λ ≫ 1). */
  precision: 'double' | 'single';
}

export const defaultEaseConfig: EaseConfig = {
  lambda: 200,
  signal: 'binary',
  maxItems: 20_000,
  onnxFromItems: 300,
  maxActiveItems: 0,
  keepPerItem: 0,
  precision: 'double',
};

/**
 * From this many items the inverse takes over a second on 2 cores (3,000: ≈ 3 s) and blocks the
 * thread (onnxruntime-node runs on the caller's thread, so no heartbeat can fire): the fit says it
 * is starting it even within fitProgress's quiet period.
 */
const ANNOUNCE_INVERSE_FROM_ITEMS = 2500;

/** Pure: B (n×n row-major, Float32) from the Gram matrix G (Float64, overwritten); `single`: the onnx inverse in float32. */
export async function easeWeightsFromGram(
  g: Float64Array,
  n: number,
  lambda: number,
  onnxFromItems = defaultEaseConfig.onnxFromItems,
  single = false,
): Promise<Float32Array> {
  for (let i = 0; i < n; i++) g[i * n + i] += lambda;
  const p = n < onnxFromItems ? inverseSpd(g, n) : single ? await inverseOnOnnx(Float32Array.from(g), n) : await inverseOnOnnx(g, n);
  const b = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) b[i * n + j] = i === j ? 0 : -p[i * n + j] / p[j * n + j];
  }
  return b;
}

/**
 * Items with at least one buyer in the log, ascending. The others have a zero row and column in XᵀX,
 * so their B rows and columns are exactly 0: the inverse runs on the active items only
 * (m³ instead of n³; ≈ 3.4k of 3.7k items on Online Retail, 0.8× the time).
 */
export function activeItemsFromLog(log: InteractionLog, maxItems = 0): Int32Array {
  const buyers = new Int32Array(log.nItems);
  for (let e = 0; e < log.indptr[log.nUsers]; e++) buyers[log.indices[e]]++;
  let out: number[] = [];
  for (let i = 0; i < log.nItems; i++) if (buyers[i] > 0) out.push(i);
  if (maxItems > 0 && out.length > maxItems) {
    out = out
      .sort((a, b) => buyers[b] - buyers[a] || a - b)
      .slice(0, maxItems)
      .sort((a, b) => a - b);
  }
  return Int32Array.from(out);
}

/** Row-wise pruning of a dense m×m B to its K largest |B_ij| per row: m×K columns (-1 padding) and weights. */
export function sparseRowsFromDense(b: Float32Array, m: number, K: number): { cols: Int32Array; w: Float32Array } {
  const k = Math.min(K, m);
  const cols = new Int32Array(m * k),
    w = new Float32Array(m * k),
    abs = new Float32Array(m),
    ts = new Float32Array(k);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const v = b[i * m + j];
      abs[j] = v === 0 ? -Infinity : Math.abs(v);
    }
    topKIntoRow(abs, 0, m, k, cols, ts, i * k);
    for (let t = i * k; t < i * k + k; t++) w[t] = cols[t] >= 0 ? b[i * m + cols[t]] : 0;
  }
  return { cols, w };
}

/**
 * G = XᵀX from the CSR log, restricted to `items` (ascending; default all): m×m Float64 where row/col a
 * is items[a]; X values per the signal. O(Σ_u deg_u²).
 */
export function easeGramFromLog(log: InteractionLog, signal: EaseConfig['signal'], items?: Int32Array): Float64Array {
  const pos = new Int32Array(log.nItems).fill(-1);
  if (items)
    items.forEach((i, a) => {
      pos[i] = a;
    });
  else
    pos.forEach((_, i) => {
      pos[i] = i;
    });
  const n = items ? items.length : log.nItems;
  const g = new Float64Array(n * n);
  for (let u = 0; u < log.nUsers; u++) {
    const s = log.indptr[u],
      e = log.indptr[u + 1];
    for (let a = s; a < e; a++) {
      const pa = pos[log.indices[a]];
      if (pa < 0) continue;
      const xa = signal === 'binary' ? 1 : Math.log1p(log.orders[a]);
      const ra = pa * n;
      for (let b = s; b < e; b++) {
        const pb = pos[log.indices[b]];
        if (pb >= 0) g[ra + pb] += xa * (signal === 'binary' ? 1 : Math.log1p(log.orders[b]));
      }
    }
  }
  return g;
}

export class EaseRecommender extends ScoredRecommender {
  readonly kind = 'ease';
  config: EaseConfig;
  /** B on the active items: m×m row-major, row/col a = item active[a] (dense, keepPerItem = 0) */
  private b: Float32Array | null = null;
  /** or B as m × K lists per row: column (active position, -1 padding) and weight (keepPerItem > 0) */
  private rows: { k: number; cols: Int32Array; w: Float32Array } | null = null;
  private active: Int32Array | null = null;
  private x: { indptr: Int32Array; indices: Int32Array; values: Float32Array } | null = null;

  constructor(
    config: Partial<EaseConfig> = {},
    readonly name = 'ease',
  ) {
    super();
    this.config = { ...defaultEaseConfig, ...config };
  }

  protected async fitState(log: InteractionLog, say?: (line: string) => void): Promise<void> {
    // with maxActiveItems the dense matrices stay m×m whatever the catalogue
    if (this.config.maxActiveItems === 0 && log.nItems > this.config.maxItems) {
      throw new Error(`EASE needs a catalogue of at most ${this.config.maxItems} items (got ${log.nItems}): dense n×n weights`);
    }
    const cfg = this.config;
    this.active = activeItemsFromLog(log, cfg.maxActiveItems);
    const m = this.active.length,
      ms = m.toLocaleString('en-US');
    const progress = fitProgress(say, this.name);
    try {
      progress.stage(`Gram matrix of ${ms} items`);
      const g = m === 0 ? new Float64Array(0) : easeGramFromLog(log, cfg.signal, this.active);
      progress.stage(`inverting ${ms} × ${ms}`, m >= ANNOUNCE_INVERSE_FROM_ITEMS);
      const b = m === 0 ? new Float32Array(0) : await easeWeightsFromGram(g, m, cfg.lambda, cfg.onnxFromItems, cfg.precision === 'single');
      if (cfg.keepPerItem > 0) {
        progress.stage(`keeping ${cfg.keepPerItem} weights per item`);
        this.rows = { k: Math.min(cfg.keepPerItem, m), ...sparseRowsFromDense(b, m, cfg.keepPerItem) };
        this.b = null;
      } else {
        this.b = b;
        this.rows = null;
      }
    } finally {
      progress.done();
    }
    this.historyState(log);
  }

  /** The customers' rows x_u; B stays as fitted (items outside its active set add nothing). */
  protected override historyState(log: InteractionLog): void {
    this.x = {
      indptr: log.indptr,
      indices: log.indices,
      values: Float32Array.from(log.orders, (o) => (this.config.signal === 'binary' ? 1 : Math.log1p(o))),
    };
  }

  protected async scoreBatch(users: Int32Array): Promise<Float32Array> {
    const b = this.b,
      rows = this.rows,
      x = this.x!,
      act = this.active!,
      m = act.length,
      pos = this.positions();
    const n = this.fitted.nItems;
    const out = new Float32Array(users.length * n),
      acc = new Float32Array(m);
    for (let r = 0; r < users.length; r++) {
      const u = users[r];
      if (u < 0 || u + 1 >= x.indptr.length) continue;
      acc.fill(0);
      for (let e = x.indptr[u]; e < x.indptr[u + 1]; e++) {
        const p = pos[x.indices[e]];
        if (p < 0) continue; // an item first bought after the fit (folded in): no row in B
        const v = x.values[e];
        if (rows) {
          for (let t = p * rows.k; t < (p + 1) * rows.k; t++) {
            const c = rows.cols[t];
            if (c < 0) break;
            acc[c] += v * rows.w[t];
          }
        } else {
          const row = p * m;
          for (let j = 0; j < m; j++) acc[j] += v * b![row + j];
        }
      }
      const o = r * n;
      for (let j = 0; j < m; j++) out[o + act[j]] = acc[j];
    }
    return out;
  }

  /** item → row of B; -1 for items outside the inverse (never bought at fit time, or past maxActiveItems). */
  private positions(): Int32Array {
    const pos = new Int32Array(this.fitted.nItems).fill(-1);
    this.active!.forEach((i, a) => {
      pos[i] = a;
    });
    return pos;
  }

  explain(user: number, item: number): string {
    const x = this.x!,
      pos = this.positions();
    let best = -1,
      bw = 0;
    if (pos[item] < 0) return 'no strong link to past purchases';
    for (let e = x.indptr[user]; e < x.indptr[user + 1] && user + 1 < x.indptr.length; e++) {
      if (pos[x.indices[e]] < 0) continue;
      const w = this.weight(pos[x.indices[e]], pos[item]);
      if (w > bw) {
        bw = w;
        best = x.indices[e];
      }
    }
    return best >= 0 ? `often bought with item #${best}` : 'no strong link to past purchases';
  }

  /** B at (row p, column q) in active positions. */
  private weight(p: number, q: number): number {
    const rows = this.rows;
    if (!rows) return this.b![p * this.active!.length + q];
    for (let t = p * rows.k; t < (p + 1) * rows.k && rows.cols[t] >= 0; t++) if (rows.cols[t] === q) return rows.w[t];
    return 0;
  }

  protected saveState(): Record<string, unknown> {
    return { config: this.config, b: this.b, rows: this.rows, active: this.active, x: this.x };
  }

  protected loadState(state: Record<string, unknown>): void {
    this.config = { ...defaultEaseConfig, ...(state.config as EaseConfig) };
    this.b = (state.b as Float32Array | null) ?? null;
    this.rows = (state.rows as EaseRecommender['rows']) ?? null;
    this.active = state.active as Int32Array;
    this.x = state.x as EaseRecommender['x'];
  }
}
