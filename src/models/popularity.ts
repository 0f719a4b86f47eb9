// Popularity: how many customers bought each item in a history window, each buyer counting
// 2^(−age/halfLife) where age = asOf − their latest purchase of it inside the window.
// Same list for everybody; the fallback and the baseline of B1.
import { csrFind } from '../math/csrFind.ts';
import type { InteractionLog } from './recommender.ts';
import { ScoredRecommender } from './scoredRecommender.ts';
import { DAY } from '../math/day.ts';

export interface PopularityConfig {
  /** Window length in days ending `offsetDays` before as-of; 0 = all history. */
  windowDays: number;
  /** Window end, days before as-of (e.g. 365 − horizon for "same season last year"); 0 = as-of. */
  offsetDays: number;
  /** Half-life in days of a buyer's weight, measured from as-of; 0 = no decay (plain buyer count). */
  halfLifeDays: number;
}

export const DEFAULT_POPULARITY: PopularityConfig = { windowDays: 0, offsetDays: 0, halfLifeDays: 0 };

/** score[i] = Σ over buyers u of i in [asOf − offset − window, asOf − offset) of 2^(−(asOf − last_ui)/halfLife). */
export function popularityScores(log: InteractionLog, cfg: PopularityConfig): Float64Array {
  const end = log.asOf - cfg.offsetDays * DAY;
  const start = cfg.windowDays > 0 ? end - cfg.windowDays * DAY : -Infinity;
  const nnz = log.indptr[log.nUsers];
  const lastIn = new Float64Array(nnz).fill(NaN);
  // lines are time-sorted, so the last write per entry is its latest purchase in the window
  for (let l = 0; l < log.lineTs.length; l++) {
    const t = log.lineTs[l];
    if (t < start || t >= end) continue;
    lastIn[csrFind(log.indptr, log.indices, log.lineUser[l], log.lineItem[l])] = t;
  }
  const out = new Float64Array(log.nItems);
  for (let e = 0; e < nnz; e++) {
    const t = lastIn[e];
    if (Number.isNaN(t)) continue;
    out[log.indices[e]] += cfg.halfLifeDays > 0 ? Math.pow(2, -(log.asOf - t) / (cfg.halfLifeDays * DAY)) : 1;
  }
  return out;
}

export class Popularity extends ScoredRecommender {
  readonly kind: string = 'popularity';
  private scores: Float64Array = new Float64Array(0);

  config: PopularityConfig;

  constructor(
    config: Partial<PopularityConfig> = {},
    readonly name = 'popularity',
  ) {
    super();
    this.config = { ...DEFAULT_POPULARITY, ...config };
  }

  protected async fitState(log: InteractionLog): Promise<void> {
    this.scores = popularityScores(log, this.config);
  }

  /** For subclasses that compute the per-item list differently (trendPopularity.ts). */
  protected setScores(scores: Float64Array): void {
    this.scores = scores;
  }
  protected scoreOf(item: number): number {
    return this.scores[item] ?? 0;
  }

  protected async scoreBatch(users: Int32Array): Promise<Float32Array> {
    const n = this.scores.length;
    const out = new Float32Array(users.length * n);
    for (let r = 0; r < users.length; r++) out.set(this.scores, r * n);
    return out;
  }

  explain(_user: number, item: number): string {
    const c = this.config;
    const w = c.windowDays > 0 ? ` in a ${c.windowDays}-day window${c.offsetDays ? ` ending ${c.offsetDays} days before` : ''}` : '';
    const v = this.scores[item] ?? 0;
    return c.halfLifeDays > 0
      ? `popular: ${v.toFixed(1)} recent buyers (half-life ${c.halfLifeDays} days)${w}`
      : `popular: bought by ${Math.round(v)} customers${w}`;
  }

  protected saveState() {
    return { config: this.config, scores: this.scores };
  }
  protected loadState(state: Record<string, unknown>): void {
    this.scores = state.scores as Float64Array;
    this.config = { ...DEFAULT_POPULARITY, ...(state.config as PopularityConfig) };
  }
}
