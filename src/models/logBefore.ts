// An earlier snapshot of a log: its lines before `cutoff`, re-aggregated. Used to fit models on a
// validation split inside fit() (blend, tune) without going back to the store.
// The raw lines carry no order id, quantity or amount, so here an order = one (user, timestamp)
// and each line counts quantity 1 / amount 1; the models read only orders and times.
import { interactionLogFromLines } from './interactionLogFromLines.ts';
import type { InteractionLog } from './recommender.ts';

export function logBefore(log: InteractionLog, cutoff: number): InteractionLog {
  let n = 0;
  while (n < log.lineTs.length && log.lineTs[n] < cutoff) n++;
  return logFromLineMask(log, null, n, cutoff);
}

/**
 * The log of a subset of its lines: the first `n` lines, of which those with keep[l] = 1 (all when
 * `keep` is null), as of `asOf`. Used for holdout splits (blendValidation.ts). Lines whose time is
 * not finite (unknown) count at the earliest known time, so the subset stays time-sorted.
 */
export function logFromLineMask(log: InteractionLog, keep: Uint8Array | null, n: number, asOf: number): InteractionLog {
  const idx: number[] = [];
  for (let l = 0; l < n; l++) if (!keep || keep[l]) idx.push(l);
  let t0 = Infinity,
    unknown = false;
  for (const l of idx) {
    const t = log.lineTs[l];
    if (Number.isFinite(t)) {
      if (t < t0) t0 = t;
    } else unknown = true;
  }
  if (!Number.isFinite(t0)) t0 = 0;
  const tsOf = (l: number) => (Number.isFinite(log.lineTs[l]) ? log.lineTs[l] : t0);
  if (unknown) idx.sort((a, b) => tsOf(a) - tsOf(b) || a - b);
  const m = idx.length;
  const user = new Int32Array(m),
    item = new Int32Array(m),
    ts = new Float64Array(m),
    order = new Int32Array(m);
  const lastTs = new Float64Array(log.nUsers).fill(NaN);
  const lastOrder = new Int32Array(log.nUsers);
  let next = 0;
  for (let r = 0; r < m; r++) {
    const l = idx[r],
      u = log.lineUser[l];
    user[r] = u;
    item[r] = log.lineItem[l];
    ts[r] = tsOf(l);
    if (lastTs[u] !== ts[r]) {
      lastTs[u] = ts[r];
      lastOrder[u] = next++;
    }
    order[r] = lastOrder[u];
  }
  const ones = new Float64Array(m).fill(1);
  // every kept line must be inside the snapshot, even when its time is not before `asOf`
  const end = m > 0 && !(ts[m - 1] < asOf) ? Math.max(asOf, ts[m - 1] + 1) : asOf;
  const out = interactionLogFromLines({ nUsers: log.nUsers, nItems: log.nItems, user, item, order, quantity: ones, amount: ones, ts }, end);
  return { ...out, asOf };
}

/** Distinct items each user bought in [from, to), from time-sorted lines: truth[u] (empty set when none). */
export function purchasesInWindow(
  nUsers: number,
  user: Int32Array,
  item: Int32Array,
  ts: Float64Array,
  from: number,
  to: number,
): Set<number>[] {
  const out = Array.from({ length: nUsers }, () => new Set<number>());
  for (let l = 0; l < ts.length; l++) if (ts[l] >= from && ts[l] < to) out[user[l]].add(item[l]);
  return out;
}

/** Distinct purchase occasions (user, timestamp) per user among lines before `cutoff`. */
export function ordersPerUser(log: InteractionLog, cutoff = log.asOf): Int32Array {
  const out = new Int32Array(log.nUsers);
  const lastTs = new Float64Array(log.nUsers).fill(NaN);
  for (let l = 0; l < log.lineTs.length && log.lineTs[l] < cutoff; l++) {
    const u = log.lineUser[l];
    if (lastTs[u] !== log.lineTs[l]) {
      lastTs[u] = log.lineTs[l];
      out[u]++;
    }
  }
  return out;
}
