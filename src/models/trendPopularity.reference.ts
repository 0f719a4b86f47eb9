// Slow, obviously-correct trend popularity (tests compare trendPopularity.ts against it): count each
// item's distinct buyers per window straight from the lines.
import type { InteractionLog } from './recommender.ts';
import type { TrendConfig } from './trendPopularity.ts';
import { DAY } from '../math/day.ts';

export function trendScoresReference(log: InteractionLog, cfg: TrendConfig): number[] {
  const buyers = (from: number, to: number, i: number) => {
    const s = new Set<number>();
    for (let l = 0; l < log.lineTs.length; l++)
      if (log.lineItem[l] === i && log.lineTs[l] >= from && log.lineTs[l] < to) s.add(log.lineUser[l]);
    return s.size;
  };
  const mid = log.asOf - cfg.recentDays * DAY,
    start = mid - cfg.previousDays * DAY;
  const out: number[] = [];
  for (let i = 0; i < log.nItems; i++) {
    const a = buyers(mid, log.asOf, i),
      b = buyers(start, mid, i);
    out.push(a === 0 ? 0 : a * ((a + 1) / ((b * cfg.recentDays) / cfg.previousDays + 1)) ** cfg.exponent);
  }
  return out;
}
