// Slow, obviously-correct item-kNN scores (tests compare itemKnn.ts against it): dense
// co-occurrence counts, the similarity formula, neighbours by sorting, then the score sum.
import type { InteractionLog } from './recommender.ts';
import type { ItemKnnConfig } from './itemKnn.ts';
import { DAY } from '../math/day.ts';

/** users × items scores, row-major. */
export function itemKnnScoresReference(log: InteractionLog, cfg: ItemKnnConfig): number[] {
  const bought = (u: number, i: number) => {
    for (let e = log.indptr[u]; e < log.indptr[u + 1]; e++) if (log.indices[e] === i) return e;
    return -1;
  };
  const n = log.nItems;
  const buyers = Array.from({ length: n }, (_, i) => {
    let c = 0;
    for (let u = 0; u < log.nUsers; u++) if (bought(u, i) >= 0) c++;
    return c;
  });
  const nb: { j: number; s: number }[][] = [];
  for (let i = 0; i < n; i++) {
    const list: { j: number; s: number }[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let c = 0;
      for (let u = 0; u < log.nUsers; u++) if (bought(u, i) >= 0 && bought(u, j) >= 0) c++;
      if (c === 0) continue;
      list.push({ j, s: (c / (buyers[i] ** cfg.alpha * buyers[j] ** (1 - cfg.alpha))) * (c / (c + cfg.shrinkage)) });
    }
    list.sort((a, b) => b.s - a.s || a.j - b.j);
    nb.push(list.slice(0, cfg.k));
  }
  const out: number[] = [];
  for (let u = 0; u < log.nUsers; u++) {
    const row = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const e = bought(u, i);
      if (e < 0) continue;
      const w = cfg.halfLifeDays > 0 ? 0.5 ** ((log.asOf - log.lastTs[e]) / (cfg.halfLifeDays * DAY)) : 1;
      for (const { j, s } of nb[i]) row[j] += w * s;
    }
    out.push(...row);
  }
  return out;
}
