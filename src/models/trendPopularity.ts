// Trend popularity: items whose buyers are accelerating, the same list for everybody. A seasonal proxy
// that exists inside every validation window (unlike "same season last year"), e.g. Christmas stock
// picking up in the weeks before a cut.
//   a_i = buyers of i in [T − r, T),  b_i = buyers of i in [T − r − p, T − r)   (T = as-of, days)
//   score_i = a_i · ((a_i + 1) / (b_i · r/p + 1))^γ      (recent buyers × smoothed growth ratio)
import type { InteractionLog } from './recommender.ts';
import { Popularity, popularityScores } from './popularity.ts';

export interface TrendConfig {
  /** Recent window r in days. */
  recentDays: number;
  /** Preceding window p in days the recent rate is compared with. */
  previousDays: number;
  /** Exponent γ on the growth ratio (0 = plain recent popularity). */
  exponent: number;
}

export const DEFAULT_TREND: TrendConfig = { recentDays: 28, previousDays: 56, exponent: 1 };

/** score[i] as above, from distinct buyers per window (popularityScores). */
export function trendScores(log: InteractionLog, cfg: TrendConfig): Float64Array {
  const a = popularityScores(log, { windowDays: cfg.recentDays, offsetDays: 0, halfLifeDays: 0 });
  const b = popularityScores(log, { windowDays: cfg.previousDays, offsetDays: cfg.recentDays, halfLifeDays: 0 });
  const scale = cfg.recentDays / cfg.previousDays;
  return a.map((x, i) => (x > 0 ? x * Math.pow((x + 1) / (b[i] * scale + 1), cfg.exponent) : 0));
}

export class TrendPopularity extends Popularity {
  override readonly kind: string = 'trend';
  readonly trend: TrendConfig;

  constructor(config: Partial<TrendConfig> = {}, name = 'trend') {
    super({}, name);
    this.trend = { ...DEFAULT_TREND, ...config };
  }

  protected override async fitState(log: InteractionLog): Promise<void> {
    this.setScores(trendScores(log, this.trend));
  }

  override explain(_user: number, item: number): string {
    const t = this.trend;
    return `trending: ${this.scoreOf(item).toFixed(1)} (buyers in the last ${t.recentDays} days × growth vs the ${t.previousDays} before)`;
  }

  protected override saveState() {
    return { ...super.saveState(), trend: this.trend };
  }
  protected override loadState(state: Record<string, unknown>): void {
    super.loadState(state);
    Object.assign(this.trend, state.trend as TrendConfig);
  }
}
