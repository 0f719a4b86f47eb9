// ALS plus a personal repurchase term, the default product-recommendation model of `recommend`
// until a learned blend is registered:
//   score(u, i) = x_u·y_i + β·R_ui,   R_ui = log(1 + orders_ui) · 2^(−(asOf − last_ui)/h)
// R is non-zero only on items the user bought, so "new items" lists are pure ALS, and the dense
// part runs on onnxruntime (MatMul + TopK) with the sparse R added to the seen candidates only.
import { topKScorerFromFactors, type TopKScorer } from '../math/onnxTopK.ts';
import { topNExcludingSeen } from '../recs/topNExcludingSeen.ts';
import { AlsRecommender } from './als.ts';
import type { AlsConfig } from './alsConfig.ts';
import type { InteractionLog, Recommender, TopN } from './recommender.ts';
import { DAY as DAY_MS } from '../math/day.ts';

export interface AlsRepurchaseConfig {
  /** β: weight of the repurchase term against the ALS affinity (ALS fits bought entries to ≈ 1). */
  repurchaseWeight: number;
  /** h: half-life in days of a past purchase in R. */
  halfLifeDays: number;
  /** Users per onnxruntime scoring batch. */
  batch: number;
  /** onnxruntime intra-op threads. */
  threads: number;
  /** Dense scoring: 'float32' exact, 'int8' quantised candidates re-ranked exactly (≈1.5× faster). */
  precision: 'float32' | 'int8';
}

export const defaultAlsRepurchaseConfig: AlsRepurchaseConfig = {
  repurchaseWeight: 1,
  halfLifeDays: 365,
  batch: 512,
  threads: 2,
  precision: 'float32',
};

export class AlsRepurchase implements Recommender {
  readonly kind = 'als-repurchase';
  readonly als: AlsRecommender;
  config: AlsRepurchaseConfig;
  /** CSR of bought items per user with R_ui per entry. */
  private rep: { indptr: Int32Array; indices: Int32Array; values: Float32Array; asOf: number } | null = null;
  private scorer: TopKScorer | null = null;

  constructor(
    config: Partial<AlsRepurchaseConfig & { als: Partial<AlsConfig> }> = {},
    readonly name = 'als-repurchase',
  ) {
    this.config = { ...defaultAlsRepurchaseConfig, ...config };
    this.als = new AlsRecommender(config.als ?? {});
  }

  async fit(log: InteractionLog, say?: (line: string) => void): Promise<void> {
    await this.als.fit(log, say);
    this.setHistory(log);
  }

  /** Replaces the repurchase history (e.g. after a new purchase) without refitting item factors. */
  setHistory(log: InteractionLog): void {
    const h = this.config.halfLifeDays * DAY_MS;
    const values = new Float32Array(log.indices.length);
    for (let e = 0; e < values.length; e++)
      values[e] = Math.log1p(log.orders[e]) * (h > 0 ? Math.pow(2, -Math.max(0, log.asOf - log.lastTs[e]) / h) : 1);
    this.rep = { indptr: log.indptr, indices: log.indices, values, asOf: log.asOf };
  }

  /**
   * Fresh after a purchase, without retraining: `log` is the full history including the new lines;
   * user u's vector is re-solved against the fixed item factors and the repurchase term rebuilt.
   */
  foldIn(log: InteractionLog, u: number): void {
    this.foldInUsers(log, [u]);
  }

  /** foldIn for many users at once: the repurchase term is rebuilt once (O(nnz)), not per user. */
  foldInUsers(log: InteractionLog, users: ArrayLike<number>): void {
    for (let j = 0; j < users.length; j++) this.als.setUserVector(users[j], this.als.userVectorFromLog(log, users[j]));
    this.setHistory(log);
  }

  private get r() {
    if (!this.rep) throw new Error(`${this.name}: fit() or load() first`);
    return this.rep;
  }

  async scoreItems(users: Int32Array, items?: Int32Array): Promise<Float32Array> {
    const nItems = this.als.factors!.nItems;
    const full = await this.als.scoreItems(users);
    const r = this.r,
      beta = this.config.repurchaseWeight;
    for (let j = 0; j < users.length; j++) {
      const u = users[j];
      if (u < 0 || u + 1 >= r.indptr.length) continue;
      for (let e = r.indptr[u]; e < r.indptr[u + 1]; e++) full[j * nItems + r.indices[e]] += beta * r.values[e];
    }
    if (!items) return full;
    const out = new Float32Array(users.length * items.length);
    for (let j = 0; j < users.length; j++) for (let c = 0; c < items.length; c++) out[j * items.length + c] = full[j * nItems + items[c]];
    return out;
  }

  async recommend(users: Int32Array, k: number, opts: { excludeSeen?: boolean } = {}): Promise<TopN> {
    const f = this.als.factors;
    if (!f) throw new Error(`${this.name}: fit() or load() first`);
    this.scorer ??= await topKScorerFromFactors(f.itemFactors, f.nItems, f.k, this.config.threads, this.config.precision);
    const r = this.r;
    // Users without a fitted vector (index beyond the factors) get a zero vector: ALS scores 0.
    const maxUser = users.reduce((m, u) => Math.max(m, u), -1);
    const x = maxUser >= f.nUsers ? padRows(f.userFactors, f.k, maxUser + 1) : f.userFactors;
    const seen = { indptr: r.indptr, indices: r.indices };
    const base = await topNExcludingSeen(this.scorer, x, users, seen, f.itemFactors, { n: k, batch: this.config.batch });
    const beta = this.config.repurchaseWeight,
      kk = f.k;
    // Scores exactly as scoreItems computes them (float32 dot, then + βR), so lists and scores agree.
    const exact = (u: number, i: number, rep: number) => {
      let d = 0;
      if (u < f.nUsers && i < f.nItems) for (let a = 0; a < kk; a++) d += x[u * kk + a] * f.itemFactors[i * kk + a];
      return rep ? Math.fround(Math.fround(d) + beta * rep) : Math.fround(d);
    };
    const items = new Int32Array(users.length * k),
      scores = new Float32Array(users.length * k);
    const candS: number[] = [],
      candI: number[] = [];
    for (let j = 0; j < users.length; j++) {
      const u = users[j];
      candS.length = 0;
      candI.length = 0;
      for (let c = 0; c < k; c++)
        if (base.items[j * k + c] >= 0) {
          candI.push(base.items[j * k + c]);
          candS.push(exact(u, base.items[j * k + c], 0));
        }
      // All-items variant: every bought item competes too, scored ALS + βR.
      if (!opts.excludeSeen && u + 1 < r.indptr.length) {
        for (let e = r.indptr[u]; e < r.indptr[u + 1]; e++) {
          candI.push(r.indices[e]);
          candS.push(exact(u, r.indices[e], r.values[e]));
        }
      }
      const order = candI.map((_, c) => c).sort((a, b) => candS[b] - candS[a] || candI[a] - candI[b]);
      for (let c = 0; c < k; c++) {
        items[j * k + c] = c < order.length ? candI[order[c]] : -1;
        scores[j * k + c] = c < order.length ? candS[order[c]] : -Infinity;
      }
    }
    return { items, scores };
  }

  explain(user: number, item: number): string {
    const r = this.r;
    if (user >= 0 && user + 1 < r.indptr.length) {
      for (let e = r.indptr[user]; e < r.indptr[user + 1]; e++)
        if (r.indices[e] === item) return `bought before (repurchase weight ${r.values[e].toFixed(2)})`;
    }
    return this.als.explain(user, item);
  }

  save(): Record<string, unknown> {
    return { kind: this.kind, config: this.config, als: this.als.save(), rep: this.r };
  }

  load(state: Record<string, unknown>): void {
    if (state.kind !== this.kind) throw new Error(`state of a '${String(state.kind)}' model loaded into '${this.kind}'`);
    this.config = { ...defaultAlsRepurchaseConfig, ...(state.config as AlsRepurchaseConfig) };
    this.als.load(state.als as Record<string, unknown>);
    this.rep = state.rep as AlsRepurchase['rep'];
    void this.scorer?.release();
    this.scorer = null;
  }

  /** Frees the onnxruntime session (the model stays usable; the next recommend recreates it). */
  async release(): Promise<void> {
    await this.scorer?.release();
    this.scorer = null;
  }
}

function padRows(x: Float32Array, k: number, rows: number): Float32Array {
  const out = new Float32Array(rows * k);
  out.set(x.subarray(0, Math.min(x.length, rows * k)));
  return out;
}
