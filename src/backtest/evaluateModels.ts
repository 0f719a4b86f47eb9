// B1 core (pure): split purchase lines at an as-of date, fit each model on the history, rank top-k
// for the test customers, and score both variants (BENCHMARKS.md B1):
//   all items — truth = distinct items bought in [asOf, end); lists may repeat past purchases
//   new items — truth minus the user's history items; lists exclude history items
import { meanMetricsAtK } from '../evaluate/rankingMetrics.ts';
import { interactionLogFromLines, type PurchaseLines } from '../models/interactionLogFromLines.ts';
import { purchasesInWindow } from '../models/logBefore.ts';
import { purchaseLinesAt } from '../models/purchaseLinesAt.ts';
import type { InteractionLog, Recommender } from '../models/recommender.ts';

export interface B1Split {
  /** history: lines before as-of (minus excluded ones) */
  log: InteractionLog;
  /** per user: distinct items bought in the test window */
  truthAll: Set<number>[];
  /** per user: the same minus items of the user's history */
  truthNew: Set<number>[];
  /** test users of each variant (history and a non-empty truth), ascending */
  usersAll: Int32Array;
  usersNew: Int32Array;
}

export interface B1SplitOptions {
  /** history starts here (epoch ms); default: all lines */
  trainFrom?: number;
  /** lines in [from, to) are dropped from the history (e.g. a promotion that would bias it) */
  exclude?: { from: number; to: number };
}

export function b1SplitFromLines(lines: PurchaseLines, asOf: number, end: number, opts: B1SplitOptions = {}): B1Split {
  const keep: number[] = [];
  for (let l = 0; l < lines.ts.length; l++) {
    const t = lines.ts[l];
    if (t >= asOf) break;
    if (opts.trainFrom !== undefined && t < opts.trainFrom) continue;
    if (opts.exclude && t >= opts.exclude.from && t < opts.exclude.to) continue;
    keep.push(l);
  }
  const log = interactionLogFromLines(purchaseLinesAt(lines, keep), asOf);
  return b1SplitFromTruth(log, purchasesInWindow(lines.nUsers, lines.user, lines.item, lines.ts, asOf, end));
}

/** The split of a history `log` against each user's items to predict: new-item truth and the test users of both variants. */
export function b1SplitFromTruth(log: InteractionLog, truthAll: Set<number>[]): B1Split {
  const truthNew = truthAll.map((t, u) => {
    const s = new Set(t);
    for (let e = log.indptr[u]; e < log.indptr[u + 1]; e++) s.delete(log.indices[e]);
    return s;
  });
  const usersAll: number[] = [],
    usersNew: number[] = [];
  for (let u = 0; u < log.nUsers; u++) {
    if (log.indptr[u + 1] === log.indptr[u]) continue;
    if (truthAll[u].size > 0) usersAll.push(u);
    if (truthNew[u].size > 0) usersNew.push(u);
  }
  return { log, truthAll, truthNew, usersAll: Int32Array.from(usersAll), usersNew: Int32Array.from(usersNew) };
}

export type B1Variant = 'all' | 'new';

export interface B1Row {
  model: string;
  variant: B1Variant;
  users: number;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hit: number;
  /** distinct recommended items / items with history purchases */
  coverage: number;
  fitSeconds: number;
  recommendSeconds: number;
  /** The lists left out the customer's past purchases (always for 'new'; for 'all' when asked). */
  excludeSeen: boolean;
}

export interface ModelSpec {
  name: string;
  make: () => Recommender;
  /** Lists leave out past purchases in the 'all' variant too (auto's choice on logs where repeats do not pay). */
  excludeSeen?: boolean;
}

/**
 * Fits each model once on the split's history and scores it on both variants. `bothListModes`: the
 * 'all' variant is scored twice from the one fit, with and without past purchases in the lists.
 */
export async function evaluateModels(
  split: B1Split,
  specs: ModelSpec[],
  k = 10,
  variants: B1Variant[] = ['all', 'new'],
  log: (msg: string) => void = () => {},
  progress: (fraction: number, stage: string) => void = () => {},
  bothListModes = false,
): Promise<B1Row[]> {
  const rows: B1Row[] = [];
  const itemSeen = new Uint8Array(split.log.nItems);
  for (const i of split.log.indices) itemSeen[i] = 1;
  const catalogue = itemSeen.reduce((a, b) => a + b, 0) || 1;
  for (const [m, spec] of specs.entries()) {
    progress(m / specs.length, `fitting ${spec.name}`);
    const model = spec.make();
    const t0 = performance.now();
    await model.fit(split.log, log);
    const fitSeconds = (performance.now() - t0) / 1000;
    log(`${spec.name}: fitted in ${fitSeconds.toFixed(2)} s`);
    const listModes = (variant: B1Variant) => (variant === 'new' ? [true] : bothListModes ? [false, true] : [spec.excludeSeen ?? false]);
    for (const [variant, excludeSeen] of variants.flatMap((v) => listModes(v).map((x) => [v, x] as const))) {
      const users = variant === 'all' ? split.usersAll : split.usersNew;
      const truth = variant === 'all' ? split.truthAll : split.truthNew;
      const t1 = performance.now();
      const top = await model.recommend(users, k, { excludeSeen });
      const recommendSeconds = (performance.now() - t1) / 1000;
      const m = meanMetricsAtK(
        top.items,
        k,
        Array.from(users, (u) => truth[u]),
        k,
      );
      const rec = new Set<number>();
      for (const i of top.items) if (i >= 0) rec.add(i);
      rows.push({
        model: spec.name,
        variant,
        users: m.users,
        precision: m.precision,
        recall: m.recall,
        ndcg: m.ndcg,
        map: m.map,
        hit: m.hit,
        coverage: rec.size / catalogue,
        fitSeconds,
        recommendSeconds,
        excludeSeen,
      });
    }
  }
  return rows;
}
