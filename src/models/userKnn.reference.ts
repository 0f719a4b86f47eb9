// Slow, obviously-correct user-kNN scores (tests compare userKnn.ts against it): dense user
// vectors from raw lines, all pairwise cosines, neighbours by sorting, then the mixture.
import type { InteractionLog } from './recommender.ts';
import type { UserKnnConfig } from './userKnn.ts';
import { DAY } from '../math/day.ts';

export function userKnnScoresReference(log: InteractionLog, cfg: UserKnnConfig): number[] {
  const vec: number[][] = [];
  for (let u = 0; u < log.nUsers; u++) {
    const v = new Array<number>(log.nItems).fill(0);
    for (let i = 0; i < log.nItems; i++) {
      const ts = [...new Set(Array.from(log.lineTs).filter((_, l) => log.lineUser[l] === u && log.lineItem[l] === i))].sort(
        (a, b) => a - b,
      );
      let prev = -Infinity;
      for (const t of ts)
        if (t - prev >= DAY) {
          v[i] += cfg.halfLifeDays > 0 ? 0.5 ** ((log.asOf - t) / (cfg.halfLifeDays * DAY)) : 1;
          prev = t;
        }
    }
    const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
    vec.push(v.map((x) => (norm > 0 ? x / norm : 0)));
  }
  const out: number[] = [];
  for (let u = 0; u < log.nUsers; u++) {
    const sims = vec
      .map((v, w) => ({ w, s: w === u ? -Infinity : v.reduce((a, x, i) => a + x * vec[u][i], 0) }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s || a.w - b.w)
      .slice(0, cfg.k);
    const total = sims.reduce((a, x) => a + x.s, 0);
    for (let i = 0; i < log.nItems; i++) {
      let s = (1 - cfg.alpha) * vec[u][i];
      if (total > 0) for (const { w, s: sim } of sims) s += (cfg.alpha * sim * vec[w][i]) / total;
      out.push(s);
    }
  }
  return out;
}
