// Slow, obviously-correct popularity (tests compare popularity.ts against it): for each item,
// look at every line and keep each buyer's latest purchase time inside the window.
import type { InteractionLog } from './recommender.ts';
import type { PopularityConfig } from './popularity.ts';
import { DAY } from '../math/day.ts';

export function popularityScoresReference(log: InteractionLog, cfg: PopularityConfig): number[] {
  const end = log.asOf - cfg.offsetDays * DAY;
  const start = cfg.windowDays > 0 ? end - cfg.windowDays * DAY : -Infinity;
  const out: number[] = [];
  for (let i = 0; i < log.nItems; i++) {
    const latest = new Map<number, number>();
    for (let l = 0; l < log.lineTs.length; l++) {
      if (log.lineItem[l] !== i || log.lineTs[l] < start || log.lineTs[l] >= end) continue;
      latest.set(log.lineUser[l], Math.max(latest.get(log.lineUser[l]) ?? -Infinity, log.lineTs[l]));
    }
    let s = 0;
    for (const t of latest.values()) s += cfg.halfLifeDays > 0 ? 0.5 ** ((log.asOf - t) / (cfg.halfLifeDays * DAY)) : 1;
    out.push(s);
  }
  return out;
}
