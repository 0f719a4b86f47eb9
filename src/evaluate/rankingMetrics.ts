// Top-K ranking metrics for one user and macro-averaged over many, exactly as defined in
// BENCHMARKS.md "Common definitions". Pure: ids are dense ints, a ranked list is best-first.

export interface MetricsAtK {
  /** hits / K */
  precision: number;
  /** hits / |T| */
  recall: number;
  /** hits / min(K, |T|) — B2's Recall@4 */
  recallCapped: number;
  /** DCG / IDCG; DCG = Σ_{hit at rank r (1-based)} 1/log2(r+1); IDCG = Σ_{r=1..min(K,|T|)} 1/log2(r+1) */
  ndcg: number;
  /** Σ_{hit at rank r} (hits in top r)/r, divided by min(K, |T|) */
  map: number;
  /** 1 if any of the top K is in T */
  hit: number;
}

const ZERO: MetricsAtK = { precision: 0, recall: 0, recallCapped: 0, ndcg: 0, map: 0, hit: 0 };

/**
 * Metrics of the first K entries of `ranked` against the truth set T. Entries < 0 are padding
 * (a list shorter than K) and never hit; a duplicate id only counts at its first position.
 * Precision divides by K even when the list is shorter. Empty T gives all zeros.
 */
export function metricsAtK(ranked: ArrayLike<number>, truth: Set<number>, k: number): MetricsAtK {
  if (truth.size === 0 || k <= 0) return { ...ZERO };
  const n = Math.min(k, ranked.length);
  let hits = 0,
    dcg = 0,
    apSum = 0;
  const seen = new Set<number>();
  for (let r = 0; r < n; r++) {
    const id = ranked[r];
    if (id < 0 || seen.has(id)) continue;
    seen.add(id);
    if (!truth.has(id)) continue;
    hits++;
    dcg += 1 / Math.log2(r + 2);
    apSum += hits / (r + 1);
  }
  const idealN = Math.min(k, truth.size);
  let idcg = 0;
  for (let r = 0; r < idealN; r++) idcg += 1 / Math.log2(r + 2);
  return {
    precision: hits / k,
    recall: hits / truth.size,
    recallCapped: hits / idealN,
    ndcg: dcg / idcg,
    map: apSum / idealN,
    hit: hits > 0 ? 1 : 0,
  };
}

/**
 * Macro-average over users: `lists` is nUsers × listLen row-major (best first, -1 = padding),
 * `truths[u]` the truth set of row u. Users with an empty truth set are skipped (not test users).
 * Returns the means and the number of users averaged.
 */
export function meanMetricsAtK(
  lists: ArrayLike<number>,
  listLen: number,
  truths: Set<number>[],
  k: number,
): MetricsAtK & { users: number } {
  const sum = { ...ZERO };
  let users = 0;
  const row = new Array<number>(listLen);
  for (let u = 0; u < truths.length; u++) {
    if (truths[u].size === 0) continue;
    for (let j = 0; j < listLen; j++) row[j] = lists[u * listLen + j];
    const m = metricsAtK(row, truths[u], k);
    sum.precision += m.precision;
    sum.recall += m.recall;
    sum.recallCapped += m.recallCapped;
    sum.ndcg += m.ndcg;
    sum.map += m.map;
    sum.hit += m.hit;
    users++;
  }
  const d = users || 1;
  return {
    precision: sum.precision / d,
    recall: sum.recall / d,
    recallCapped: sum.recallCapped / d,
    ndcg: sum.ndcg / d,
    map: sum.map / d,
    hit: sum.hit / d,
    users,
  };
}
