// EASE (Steck 2019): a closed-form item–item model.
//   G = XᵀX + λI (items × items),  P = G⁻¹,  B = I − P·diagMat(1/diag(P))  i.e.
//   B_ij = −P_ij / P_jj (i ≠ j), B_ii = 0;   score(u, ·) = x_u · B  (x_u = the user's row of X)
// X is binary (bought or not) or log(1 + orders). Size limit: G, P and B are dense n×n, so
// memory is ≈ 16·n² bytes while fitting (n = 20k → 6.4 GB) and the inverse is O(n³)
// (onnxruntime's com.microsoft::Inverse, ≈ 10–30 s for 3.6k items on 2 cores); `maxItems`
// refuses larger catalogues instead of running for hours.
import { inverseSpd } from '../math/denseCholesky.ts';
import { inverseOnOnnx } from '../math/onnxInverse.ts';
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
}

export const defaultEaseConfig: EaseConfig = { lambda: 200, signal: 'binary', maxItems: 20_000, onnxFromItems: 300 };

/** Pure: B (n×n row-major, Float32) from the Gram matrix G (Float64, overwritten). */
export async function easeWeightsFromGram(g: Float64Array, n: number, lambda: number, onnxFromItems = defaultEaseConfig.onnxFromItems): Promise<Float32Array> {
  for (let i = 0; i < n; i++) g[i * n + i] += lambda;
  const p = n >= onnxFromItems ? await inverseOnOnnx(g, n) : inverseSpd(g, n);
  const b = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) b[i * n + j] = i === j ? 0 : -p[i * n + j] / p[j * n + j];
  }
  return b;
}

/** G = XᵀX from the CSR log (n×n Float64), X values per the signal. O(Σ_u deg_u²). */
export function easeGramFromLog(log: InteractionLog, signal: EaseConfig['signal']): Float64Array {
  const n = log.nItems;
  const g = new Float64Array(n * n);
  for (let u = 0; u < log.nUsers; u++) {
    const s = log.indptr[u], e = log.indptr[u + 1];
    for (let a = s; a < e; a++) {
      const xa = signal === 'binary' ? 1 : Math.log1p(log.orders[a]);
      const ra = log.indices[a] * n;
      for (let b = s; b < e; b++) g[ra + log.indices[b]] += xa * (signal === 'binary' ? 1 : Math.log1p(log.orders[b]));
    }
  }
  return g;
}

export class EaseRecommender extends ScoredRecommender {
  readonly kind = 'ease';
  config: EaseConfig;
  private b: Float32Array | null = null;
  private x: { indptr: Int32Array; indices: Int32Array; values: Float32Array } | null = null;

  constructor(config: Partial<EaseConfig> = {}, readonly name = 'ease') {
    super();
    this.config = { ...defaultEaseConfig, ...config };
  }

  protected async fitState(log: InteractionLog): Promise<void> {
    if (log.nItems > this.config.maxItems) throw new Error(`EASE needs a catalogue of at most ${this.config.maxItems} items (got ${log.nItems}): dense n×n weights`);
    this.b = await easeWeightsFromGram(easeGramFromLog(log, this.config.signal), log.nItems, this.config.lambda, this.config.onnxFromItems);
    this.x = { indptr: log.indptr, indices: log.indices, values: Float32Array.from(log.orders, (o) => (this.config.signal === 'binary' ? 1 : Math.log1p(o))) };
  }

  protected async scoreBatch(users: Int32Array): Promise<Float32Array> {
    const b = this.b!, x = this.x!;
    const n = this.fitted.nItems;
    const out = new Float32Array(users.length * n);
    for (let r = 0; r < users.length; r++) {
      const u = users[r];
      if (u < 0 || u + 1 >= x.indptr.length) continue;
      const o = r * n;
      for (let e = x.indptr[u]; e < x.indptr[u + 1]; e++) {
        const v = x.values[e], row = x.indices[e] * n;
        for (let j = 0; j < n; j++) out[o + j] += v * b[row + j];
      }
    }
    return out;
  }

  explain(user: number, item: number): string {
    const x = this.x!, b = this.b!, n = this.fitted.nItems;
    let best = -1, bw = 0;
    for (let e = x.indptr[user]; e < x.indptr[user + 1]; e++) {
      const w = b[x.indices[e] * n + item];
      if (w > bw) { bw = w; best = x.indices[e]; }
    }
    return best >= 0 ? `often bought with item #${best}` : 'no strong link to past purchases';
  }

  protected saveState(): Record<string, unknown> { return { config: this.config, b: this.b, x: this.x }; }

  protected loadState(state: Record<string, unknown>): void {
    this.config = { ...defaultEaseConfig, ...(state.config as EaseConfig) };
    this.b = state.b as Float32Array;
    this.x = state.x as EaseRecommender['x'];
  }
}
