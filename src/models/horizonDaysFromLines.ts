// The backtest horizon the data suggests: the median gap between a customer's consecutive
// purchase occasions (distinct timestamps, per customer), clipped to [minDays, maxDays]. Weekly
// grocery shoppers get a short window, yearly gift buyers the longest one; with no repeat
// customers (or no timestamps) there is no gap to measure and `fallbackDays` is used.
import type { PurchaseLines } from './interactionLogFromLines.ts';
import { DAY } from '../math/day.ts';

export interface HorizonOptions {
  minDays: number;
  maxDays: number;
  fallbackDays: number;
}
export const DEFAULT_HORIZON: HorizonOptions = { minDays: 14, maxDays: 91, fallbackDays: 30 };

export function horizonDaysFromLines(lines: PurchaseLines, asOf: number, opts: HorizonOptions = DEFAULT_HORIZON): number {
  // lines are sorted by ts: remember each customer's previous occasion
  const last = new Float64Array(lines.nUsers).fill(Number.NaN);
  const gaps: number[] = [];
  for (let l = 0; l < lines.ts.length && lines.ts[l] < asOf; l++) {
    const u = lines.user[l],
      t = lines.ts[l];
    if (!Number.isFinite(t)) continue;
    const prev = last[u];
    if (!Number.isNaN(prev) && t - prev >= DAY / 2) gaps.push(t - prev); // same-day lines are one occasion
    if (Number.isNaN(prev) || t - prev >= DAY / 2) last[u] = t;
  }
  if (gaps.length < 20) return opts.fallbackDays;
  gaps.sort((a, b) => a - b);
  const median = gaps[gaps.length >> 1] / DAY;
  return Math.round(Math.min(opts.maxDays, Math.max(opts.minDays, median)));
}
