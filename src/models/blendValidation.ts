// Where the blend learns its weights: validation splits of a log into a history the components are
// fitted on and the purchases they should have predicted.
//   'time'    (preferred): cut c ends c·step days before as-of; history = lines < end − V, truth = lines in
//             [end − V, end). Needs real timestamps and enough customers with lines on both sides.
//   'holdout' (when time cannot split: all lines at one instant, ts = 0 / NaN, or a history shorter
//             than the window): per customer with ≥ 2 lines, their last purchase occasion when their
//             lines carry ≥ 2 distinct known times, else a seeded random share of their lines (≥ 1 kept).
// A split counts only with at least `minUsers` validation customers (history and a held-out purchase).
import { logBefore, logFromLineMask, purchasesInWindow } from './logBefore.ts';
import type { InteractionLog } from './recommender.ts';
import { DAY } from '../math/day.ts';

export interface BlendValidationSplit {
  how: 'time' | 'holdout';
  /** what the components are fitted on (same users and items as the full log) */
  log: InteractionLog;
  /** per user: distinct items bought in the held-out part (empty set when none) */
  truth: Set<number>[];
  /** users with history in `log` and a held-out purchase */
  users: number;
}

export interface BlendValidationOptions {
  validationDays: number;
  validationCuts: number;
  cutStepDays: number;
  /** fewer validation customers than this and a split is not used */
  minUsers: number;
  /** 'holdout' without usable times: share of a customer's lines held out */
  holdoutShare: number;
  seed: number;
}

export function blendValidationSplits(log: InteractionLog, opt: BlendValidationOptions): BlendValidationSplit[] {
  const out: BlendValidationSplit[] = [];
  if (timesUsable(log.lineTs)) {
    for (let c = 0; c < Math.max(1, opt.validationCuts); c++) {
      const end = log.asOf - c * opt.cutStepDays * DAY,
        cutoff = end - opt.validationDays * DAY;
      const val = logBefore(log, cutoff);
      if (val.lineTs.length === 0) break;
      const truth = purchasesInWindow(log.nUsers, log.lineUser, log.lineItem, log.lineTs, cutoff, end);
      const users = countUsers(val, truth);
      if (users >= opt.minUsers) out.push({ how: 'time', log: val, truth, users });
    }
  }
  if (out.length > 0) return out;
  const held = holdoutSplit(log, opt);
  return held.users >= opt.minUsers ? [held] : [];
}

/** Every time finite and not all equal. */
function timesUsable(ts: Float64Array): boolean {
  let lo = Infinity,
    hi = -Infinity;
  for (let l = 0; l < ts.length; l++) {
    const t = ts[l];
    if (!Number.isFinite(t)) return false;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return hi > lo;
}

/** Users with lines in the validation history and a purchase in the truth. */
function countUsers(val: InteractionLog, truth: Set<number>[]): number {
  let n = 0;
  for (let u = 0; u < val.nUsers; u++) if (val.indptr[u + 1] > val.indptr[u] && truth[u].size > 0) n++;
  return n;
}

/** Per-customer holdout (see the file comment); deterministic for a seed. */
export function holdoutSplit(log: InteractionLog, opt: Pick<BlendValidationOptions, 'holdoutShare' | 'seed'>): BlendValidationSplit {
  const n = log.lineTs.length,
    nu = log.nUsers;
  // per user: line count, distinct-time evidence and latest known time
  const count = new Int32Array(nu),
    unknown = new Uint8Array(nu),
    manyTimes = new Uint8Array(nu);
  const first = new Float64Array(nu).fill(NaN),
    last = new Float64Array(nu).fill(-Infinity);
  for (let l = 0; l < n; l++) {
    const u = log.lineUser[l],
      t = log.lineTs[l];
    count[u]++;
    if (!Number.isFinite(t)) {
      unknown[u] = 1;
      continue;
    }
    if (Number.isNaN(first[u])) first[u] = t;
    else if (t !== first[u]) manyTimes[u] = 1;
    if (t > last[u]) last[u] = t;
  }
  const keep = new Uint8Array(n).fill(1);
  const kept = Int32Array.from(count),
    heldOut = new Int32Array(nu);
  let s = opt.seed >>> 0 || 1;
  const rnd = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
  const byTime = (u: number) => manyTimes[u] === 1 && unknown[u] === 0;
  for (let l = 0; l < n; l++) {
    const u = log.lineUser[l];
    if (count[u] < 2) continue;
    const out = byTime(u) ? log.lineTs[l] === last[u] : rnd() < opt.holdoutShare;
    if (out && kept[u] > 1) {
      keep[l] = 0;
      kept[u]--;
      heldOut[u]++;
    }
  }
  // random holdout that drew no line for a customer: hold out their last line (they have ≥ 2)
  for (let l = n - 1; l >= 0; l--) {
    const u = log.lineUser[l];
    if (count[u] >= 2 && heldOut[u] === 0 && !byTime(u)) {
      keep[l] = 0;
      heldOut[u] = 1;
    }
  }
  const truth = Array.from({ length: nu }, () => new Set<number>());
  for (let l = 0; l < n; l++) if (!keep[l]) truth[log.lineUser[l]].add(log.lineItem[l]);
  const val = logFromLineMask(log, keep, n, log.asOf);
  return { how: 'holdout', log: val, truth, users: countUsers(val, truth) };
}
