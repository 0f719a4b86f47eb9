// Personal repurchase: what a customer bought before, weighted by recency, and timed by the item's
// repurchase cycle (retail customers rebuy consumables on a rhythm).
//
// For entry (u, i) with occasions t_1 < … < t_n (days), as-of T, horizon H:
//   F    = Σ_k 2^(−(T − t_k)/h)                      recency-weighted frequency (h = 0 → F = n)
//   gaps g = ln(t_{k+1} − t_k); item log-gap mean μ_i = (Σ_users Σ g + m·μ0)/(N_i + m), μ0 and σ pooled
//   personal μ_ui = (Σ_k g_k + s·μ_i)/((n − 1) + s)
//   P    = P(next purchase in [d, d+H] | none for d = T − t_n days) under a log-normal gap (μ_ui, σ)
//        = (Φ(z(d+H)) − Φ(z(d))) / (1 − Φ(z(d))),  z(x) = (ln x − μ_ui)/σ
//   r_i  = (repeaters_i + a·r0)/(buyers_i + a)       item repeat rate, shrunk to the global r0
//   score = F · ((1 − c) + c·P) · r_i^β               c = cycleWeight; items never bought score 0
import type { InteractionLog } from './recommender.ts';
import { ScoredRecommender } from './scoredRecommender.ts';
import { entryOccasionsFromLog } from './entryOccasions.ts';
import { DAY } from '../math/day.ts';

export interface RepurchaseConfig {
  /** Half-life in days of an occasion's weight in F; 0 = plain occasion count. */
  halfLifeDays: number;
  /** Share of the score driven by repurchase timing P (0 = pure frequency, 1 = F·P). */
  cycleWeight: number;
  /** Prediction horizon H in days (how far ahead a rebuy counts). */
  horizonDays: number;
  /** Pseudo-count m pulling an item's mean log-gap towards the global mean. */
  itemShrinkage: number;
  /** Pseudo-count s pulling a customer's mean log-gap towards the item's. */
  userShrinkage: number;
  /** Lines closer than this many days are one purchase occasion. */
  mergeDays: number;
  /** Only occasions in a window of this many days ending `offsetDays` before as-of count in F; 0 = all. */
  windowDays: number;
  /** Window end in days before as-of (365 − horizon = "this season last year"). */
  offsetDays: number;
  /** Exponent β on the item's repeat rate r_i (share of its buyers who bought it again); 0 = ignore. */
  repeatRateExponent: number;
  /** Pseudo-count a pulling r_i towards the global repeat rate: r_i = (repeaters + a·r0)/(buyers + a). */
  repeatRatePrior: number;
}

export const DEFAULT_REPURCHASE: RepurchaseConfig = {
  halfLifeDays: 0,
  cycleWeight: 0.5,
  horizonDays: 90,
  itemShrinkage: 5,
  userShrinkage: 2,
  mergeDays: 1,
  repeatRateExponent: 0,
  repeatRatePrior: 10,
  windowDays: 0,
  offsetDays: 0,
};

/** Standard normal CDF via erfc (Abramowitz–Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** P(gap ∈ [d, d+H] | gap > d) for ln gap ~ N(mu, sigma²); d and H in days. */
export function rebuyProbability(d: number, horizon: number, mu: number, sigma: number): number {
  const lo = normalCdf((Math.log(Math.max(d, 0.5)) - mu) / sigma);
  const hi = normalCdf((Math.log(Math.max(d, 0.5) + horizon) - mu) / sigma);
  return Math.min(1, Math.max(0, (hi - lo) / Math.max(1e-12, 1 - lo)));
}

export interface RepurchaseState {
  /** per entry of the log's CSR: F, personal mean log-gap, occasion count, last occasion (ms) */
  freq: Float64Array;
  mu: Float64Array;
  count: Float64Array;
  last: Float64Array;
  sigma: number;
  /** per item: shrunk repeat rate r_i */
  repeatRate: Float64Array;
}

export function repurchaseStateFromLog(log: InteractionLog, cfg: RepurchaseConfig): RepurchaseState {
  const occ = entryOccasionsFromLog(log, cfg.mergeDays * DAY);
  const nnz = log.indptr[log.nUsers];
  const itemSum = new Float64Array(log.nItems);
  const itemN = new Float64Array(log.nItems);
  let sum = 0,
    sumSq = 0,
    n = 0;
  for (let e = 0; e < nnz; e++) {
    for (let j = occ.ptr[e] + 1; j < occ.ptr[e + 1]; j++) {
      const g = Math.log((occ.ts[j] - occ.ts[j - 1]) / DAY);
      itemSum[log.indices[e]] += g;
      itemN[log.indices[e]]++;
      sum += g;
      sumSq += g * g;
      n++;
    }
  }
  // with no repeat purchase anywhere, assume a ~60-day cycle and a wide spread
  const mu0 = n > 0 ? sum / n : Math.log(60);
  const sigma = n > 1 ? Math.max(0.3, Math.sqrt(Math.max(0, sumSq / n - mu0 * mu0))) : 1;
  const wTo = log.asOf - cfg.offsetDays * DAY;
  const wFrom = cfg.windowDays > 0 ? wTo - cfg.windowDays * DAY : -Infinity;
  const freq = new Float64Array(nnz),
    mu = new Float64Array(nnz),
    count = new Float64Array(nnz),
    last = new Float64Array(nnz);
  for (let e = 0; e < nnz; e++) {
    const i = log.indices[e];
    const muItem = (itemSum[i] + cfg.itemShrinkage * mu0) / (itemN[i] + cfg.itemShrinkage);
    let f = 0,
      gs = 0;
    const a = occ.ptr[e],
      b = occ.ptr[e + 1];
    for (let j = a; j < b; j++) {
      if (j > a) gs += Math.log((occ.ts[j] - occ.ts[j - 1]) / DAY);
      if (occ.ts[j] < wFrom || occ.ts[j] >= wTo) continue;
      f += cfg.halfLifeDays > 0 ? Math.pow(2, -(log.asOf - occ.ts[j]) / (cfg.halfLifeDays * DAY)) : 1;
    }
    freq[e] = f;
    mu[e] = (gs + cfg.userShrinkage * muItem) / (b - a - 1 + cfg.userShrinkage);
    count[e] = b - a;
    last[e] = occ.ts[b - 1];
  }
  const buyers = new Float64Array(log.nItems),
    repeaters = new Float64Array(log.nItems);
  let allB = 0,
    allR = 0;
  for (let e = 0; e < nnz; e++) {
    const i = log.indices[e];
    buyers[i]++;
    allB++;
    if (count[e] >= 2) {
      repeaters[i]++;
      allR++;
    }
  }
  const r0 = allB > 0 ? allR / allB : 0;
  const a = cfg.repeatRatePrior;
  const repeatRate = buyers.map((b, i) => (repeaters[i] + a * r0) / (b + a) || 0);
  return { freq, mu, count, last, sigma, repeatRate };
}

export class Repurchase extends ScoredRecommender {
  readonly kind = 'repurchase';
  config: RepurchaseConfig;
  private state: RepurchaseState | null = null;

  constructor(
    config: Partial<RepurchaseConfig> = {},
    readonly name = 'repurchase',
  ) {
    super();
    this.config = { ...DEFAULT_REPURCHASE, ...config };
  }

  protected async fitState(log: InteractionLog): Promise<void> {
    this.state = repurchaseStateFromLog(log, this.config);
  }

  /** The model is its per-entry state: a new purchase rebuilds it (O(lines)). */
  protected override historyState(log: InteractionLog): void {
    this.state = repurchaseStateFromLog(log, this.config);
  }

  /** Score of entry e of the fitted CSR. */
  private entryScore(e: number): number {
    const st = this.state!,
      c = this.config.cycleWeight,
      beta = this.config.repeatRateExponent;
    const rate = beta === 0 ? 1 : Math.pow(st.repeatRate[this.fitted.indices[e]], beta);
    if (c === 0) return st.freq[e] * rate;
    const d = (this.fitted.asOf - st.last[e]) / DAY;
    return st.freq[e] * (1 - c + c * rebuyProbability(d, this.config.horizonDays, st.mu[e], st.sigma)) * rate;
  }

  protected async scoreBatch(users: Int32Array): Promise<Float32Array> {
    const s = this.fitted,
      n = s.nItems;
    const out = new Float32Array(users.length * n);
    for (let r = 0; r < users.length; r++) {
      const u = users[r];
      if (u < 0 || u >= s.nUsers) continue;
      for (let e = s.indptr[u]; e < s.indptr[u + 1]; e++) out[r * n + s.indices[e]] = this.entryScore(e);
    }
    return out;
  }

  explain(user: number, item: number): string {
    const s = this.fitted,
      st = this.state!;
    let e = -1;
    if (user >= 0 && user < s.nUsers) for (let j = s.indptr[user]; j < s.indptr[user + 1]; j++) if (s.indices[j] === item) e = j;
    if (e < 0) return 'never bought by this customer';
    const ago = Math.round((s.asOf - st.last[e]) / DAY);
    const cycle = Math.round(Math.exp(st.mu[e]));
    return `bought ${st.count[e]}×, typically every ~${cycle} days, last ${ago} days ago`;
  }

  protected saveState() {
    return { config: this.config, state: this.state };
  }
  protected loadState(state: Record<string, unknown>): void {
    this.config = { ...DEFAULT_REPURCHASE, ...(state.config as RepurchaseConfig) };
    this.state = state.state as RepurchaseState;
  }
}
