// Slow, obviously-correct repurchase scores (tests compare repurchase.ts against it): every
// quantity is recomputed from the raw lines for each (user, item) pair, following the formulas
// in repurchase.ts line by line.
import type { InteractionLog } from './recommender.ts';
import { rebuyProbability, type RepurchaseConfig } from './repurchase.ts';
import { DAY } from '../math/day.ts';

function occasions(log: InteractionLog, u: number, i: number, mergeMs: number): number[] {
  const ts: number[] = [];
  for (let l = 0; l < log.lineTs.length; l++) if (log.lineUser[l] === u && log.lineItem[l] === i) ts.push(log.lineTs[l]);
  ts.sort((a, b) => a - b);
  const out: number[] = [];
  for (const t of ts) if (out.length === 0 || t - out[out.length - 1] >= mergeMs) out.push(t);
  return out;
}

/** users × items scores, row-major. */
export function repurchaseScoresReference(log: InteractionLog, cfg: RepurchaseConfig): number[] {
  const occ: number[][][] = [];
  for (let u = 0; u < log.nUsers; u++) {
    occ.push([]);
    for (let i = 0; i < log.nItems; i++) occ[u].push(occasions(log, u, i, cfg.mergeDays * DAY));
  }
  const gapsOf = (o: number[]) => o.slice(1).map((t, j) => Math.log((t - o[j]) / DAY));
  const all: number[] = [];
  for (const row of occ) for (const o of row) all.push(...gapsOf(o));
  const mu0 = all.length ? all.reduce((a, b) => a + b, 0) / all.length : Math.log(60);
  const sigma = all.length > 1 ? Math.max(0.3, Math.sqrt(Math.max(0, all.reduce((a, g) => a + g * g, 0) / all.length - mu0 * mu0))) : 1;
  let buyersAll = 0,
    repeatersAll = 0;
  for (const row of occ)
    for (const o of row)
      if (o.length) {
        buyersAll++;
        if (o.length >= 2) repeatersAll++;
      }
  const r0 = buyersAll ? repeatersAll / buyersAll : 0;
  const wTo = log.asOf - cfg.offsetDays * DAY,
    wFrom = cfg.windowDays > 0 ? wTo - cfg.windowDays * DAY : -Infinity;
  const out: number[] = [];
  for (let u = 0; u < log.nUsers; u++) {
    for (let i = 0; i < log.nItems; i++) {
      const o = occ[u][i];
      if (o.length === 0) {
        out.push(0);
        continue;
      }
      const itemGaps: number[] = [];
      let buyers = 0,
        repeaters = 0;
      for (let v = 0; v < log.nUsers; v++) {
        itemGaps.push(...gapsOf(occ[v][i]));
        if (occ[v][i].length) {
          buyers++;
          if (occ[v][i].length >= 2) repeaters++;
        }
      }
      const muItem = (itemGaps.reduce((a, b) => a + b, 0) + cfg.itemShrinkage * mu0) / (itemGaps.length + cfg.itemShrinkage);
      const mine = gapsOf(o);
      const mu = (mine.reduce((a, b) => a + b, 0) + cfg.userShrinkage * muItem) / (mine.length + cfg.userShrinkage);
      let f = 0;
      for (const t of o) if (t >= wFrom && t < wTo) f += cfg.halfLifeDays > 0 ? 0.5 ** ((log.asOf - t) / (cfg.halfLifeDays * DAY)) : 1;
      const rate =
        cfg.repeatRateExponent === 0
          ? 1
          : ((repeaters + cfg.repeatRatePrior * r0) / (buyers + cfg.repeatRatePrior)) ** cfg.repeatRateExponent;
      const c = cfg.cycleWeight;
      const p = c === 0 ? 0 : rebuyProbability((log.asOf - o[o.length - 1]) / DAY, cfg.horizonDays, mu, sigma);
      out.push(f * (1 - c + c * p) * rate);
    }
  }
  return out;
}
