// `--model auto` for product recommendations: every candidate scored by the same temporal backtest
// on the store's own history, the best kept. Pure (arrays in, a choice out).
//   cut = asOf − H, H = horizonDaysFromLines (the customers' median gap between purchases, clipped)
//   fit on lines < cut; truth = items bought in [cut, asOf) (minus each customer's history for 'new')
//   score = NDCG@k over the validation customers (recall and hit rate reported beside it)
// Cost stays bounded by a cheap first cut: on big histories every candidate is first scored on a
// reduced problem (a sample of customers, the most-bought items); only those within `keepWithin`
// of the best there are fitted on the full validation history.
// For all-items lists each candidate is scored twice from its one fit, with and without the
// customer's past purchases in the list, and keeps the better: on logs where nobody buys (rates,
// watches) the same item twice, a list that repeats history wastes its slots, and the data says so.
import { evaluateModels, b1SplitFromLines, b1SplitFromTruth, type B1Split, type B1Variant } from './evaluateModels.ts';
import { horizonDaysFromLines } from '../models/horizonDaysFromLines.ts';
import { interactionLogFromLines, type PurchaseLines } from '../models/interactionLogFromLines.ts';
import { holdoutSplit } from '../models/blendValidation.ts';
import { purchaseLinesAt } from '../models/purchaseLinesAt.ts';
import { compactedLines } from '../models/compactedLines.ts';
import { listModeNote } from './listModeNote.ts';
import type { Recommender } from '../models/recommender.ts';
import { DAY } from '../math/day.ts';

/** Fewer validation customers than this and no comparison is trusted. */
const MIN_USERS = 30;
/**
 * Above this many customers the choice is made on an evenly spread sample of them (all their lines):
 * a ranking of models measured on 50,000 customers is as clear as on a million, and the choice then
 * costs the same at any size (the chosen model is still fitted on everyone).
 */
const MAX_CUSTOMERS = 50_000;
/**
 * A default that would fit for longer than this is passed over for the best one that fits in time
 * (`--model NAME` still forces any model). Measured on a sample, a model's fit on everyone is
 * predicted from its validation fit and the growth between its first-cut and validation fits (see
 * `predicted` below). At 958k customers user-kNN's fit grew as lines^1.35 (0.6 s on 146k lines,
 * 29.5 s on 2.6M) and was still running after 35 min on all 53M lines, where that growth said 28 min
 * (and linear growth 10): the prediction is optimistic at that range, so the budget is 15 minutes.
 */
const MAX_FIT_SECONDS = 900;

export interface AutoRow {
  model: string;
  stage: 'first cut' | 'validation';
  ndcg: number;
  recall: number;
  hit: number;
  users: number;
  fitSeconds: number;
  /** The lists left out each customer's past purchases (always so for new items). */
  excludeSeen: boolean;
}

export interface RecsAutoChoice {
  chosen: string;
  variant: B1Variant;
  k: number;
  horizonDays: number;
  /** 'time': the window before the as-of date; 'holdout': each customer's last purchase (too few customers in any window). */
  validation: 'time' | 'holdout';
  validationFrom: string;
  validationTo: string;
  /** Validation customers (full problem). */
  users: number;
  /** The choice was made on every n-th customer: `customers` of `of` (null: on everyone). */
  sample: { customers: number; of: number } | null;
  /** Models passed over because their fit on everyone would take longer than the budget (predicted seconds). */
  tooSlow: { model: string; predictedSeconds: number }[];
  /** Lists leave out each customer's past purchases: always for new items; for all items when that scored better. */
  excludeSeen: boolean;
  rows: AutoRow[];
  /** The reference it had to beat (personal top-frequency; popularity for new items), on the same protocol. */
  baseline: { model: string; ndcg: number } | null;
  seconds: number;
  note: string | null;
}

export interface AutoOptions {
  variant: B1Variant;
  k?: number;
  /** Candidates by name, cheapest first (ties go to the earlier one). */
  candidates: [string, () => Recommender][];
  baseline?: string;
  /**
   * Lines of the first cut's reduced problem (default: a tenth of the history, at least 30,000);
   * it runs when the history holds twice as many.
   */
  firstCutLines?: number;
  /** Above this many customers the choice is made on every n-th one (default MAX_CUSTOMERS). */
  maxCustomers?: number;
  /** Budget for the chosen model's fit on everyone, seconds (default MAX_FIT_SECONDS). */
  maxFitSeconds?: number;
  /** Kept after the first cut: NDCG ≥ (1 − keepWithin) × the best there. */
  keepWithin?: number;
  maxKept?: number;
  log?: (line: string) => void;
  progress?: (fraction: number, stage: string) => void;
}

export async function recsAutoChoice(lines: PurchaseLines, asOf: number, o: AutoOptions): Promise<RecsAutoChoice> {
  const t0 = performance.now();
  const k = o.k ?? 10,
    log = o.log ?? (() => {}),
    progress = o.progress ?? (() => {});
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const sampled = customerSample(lines, o.maxCustomers ?? MAX_CUSTOMERS);
  if (sampled.sample)
    log(`auto: choosing on ${sampled.sample.customers.toLocaleString('en-US')} of ${sampled.sample.of.toLocaleString('en-US')} customers`);
  lines = sampled.lines;
  let horizonDays = horizonDaysFromLines(lines, asOf);
  const splitAt = (src: PurchaseLines) => validationSplit(src, asOf, horizonDays, o.variant);
  let { split, how } = splitAt(lines);
  // Too few customers in the window: widen it (twice at most); validationSplit then holds out each customer's last purchase.
  for (let tries = 0; how === 'time' && usersOf(split, o.variant).length < MIN_USERS && tries < 2; tries++) {
    horizonDays *= 2;
    ({ split, how } = splitAt(lines));
  }
  const base = {
    sample: sampled.sample,
    tooSlow: [] as RecsAutoChoice['tooSlow'],
    variant: o.variant,
    k,
    horizonDays,
    validation: how,
    validationFrom: how === 'time' ? iso(asOf - horizonDays * DAY) : "each customer's last purchase",
    validationTo: iso(asOf),
  };
  const users = usersOf(split, o.variant).length;
  if (users < MIN_USERS) {
    const chosen = o.candidates.find(([n]) => n === o.baseline)?.[0] ?? o.candidates[0][0];
    const note =
      `only ${users} customers have both a history and a later purchase to check against: ` + `too few to compare models; using ${chosen}`;
    const excludeSeen = o.variant === 'new';
    return { ...base, chosen, users, excludeSeen, rows: [], baseline: null, seconds: (performance.now() - t0) / 1000, note };
  }
  const rows: AutoRow[] = [];
  let contenders = o.candidates;
  // each model's list mode (all items: with or without past purchases), once the first cut has picked it
  let listMode: Map<string, boolean> | undefined;
  // each model's first-cut fit (seconds, history lines): with the validation fit, how its cost grows
  const firstFit = new Map<string, { seconds: number; lines: number }>();
  const historyLines = split.log.lineTs.length;
  const firstCutLines = o.firstCutLines ?? Math.max(30_000, Math.round(historyLines / 10));
  if (historyLines > 2 * firstCutLines && o.candidates.length > 2) {
    const reduced = splitAt(reducedLines(lines, how === 'time' ? asOf - horizonDays * DAY : asOf, firstCutLines)).split;
    const first = await scored(reduced, o.candidates, 'first cut', o.variant, k, log, (f, s) => progress(f * 0.4, s));
    rows.push(...first);
    const keep = new Set(keptAfterFirstCut(first, o.keepWithin ?? 0.05, o.maxKept ?? 3));
    if (o.baseline) keep.add(o.baseline);
    contenders = o.candidates.filter(([n]) => keep.has(n));
    listMode = new Map(first.map((r) => [r.model, r.excludeSeen]));
    for (const r of first) firstFit.set(r.model, { seconds: r.fitSeconds, lines: reduced.log.lineTs.length });
    log(`auto: first cut on ${reduced.log.lineTs.length.toLocaleString('en-US')} lines kept ${contenders.map(([n]) => n).join(', ')}`);
  }
  const full = await scored(split, contenders, 'validation', o.variant, k, log, (f, s) => progress(0.4 + f * 0.6, s), listMode);
  rows.push(...full);
  const scale = sampled.sample ? sampled.sample.of / sampled.sample.customers : 1,
    budget = o.maxFitSeconds ?? MAX_FIT_SECONDS;
  // fit on everyone ≈ t_validation · scale^b, b = the growth exponent between the first cut's fit and the
  // validation's (per line), clipped to [1, 2]; 1 when the first cut's fit was too short to time
  const predicted = (r: AutoRow) => {
    const f = firstFit.get(r.model);
    const b = f && f.seconds >= 0.1 ? Math.log(r.fitSeconds / f.seconds) / Math.log(historyLines / f.lines) : 1;
    return r.fitSeconds * scale ** Math.min(2, Math.max(1, b));
  };
  const tooSlow = full.filter((r) => predicted(r) > budget).map((r) => ({ model: r.model, predictedSeconds: predicted(r) }));
  for (const t of tooSlow)
    log(
      `auto: ${t.model} would take about ${Math.round(t.predictedSeconds / 60)} min to fit on everyone (budget ${budget / 60} min): passed over`,
    );
  const inTime = full.filter((r) => predicted(r) <= budget);
  const pool = inTime.length > 0 ? inTime : [full.reduce((a, b) => (b.fitSeconds < a.fitSeconds ? b : a))];
  let bestRow = pool[0];
  for (const r of pool) if (r.ndcg > bestRow.ndcg + 1e-9 && r.model !== o.baseline) bestRow = r;
  const baselineRow = full.find((r) => r.model === o.baseline) ?? null;
  if (baselineRow && pool.includes(baselineRow) && baselineRow.ndcg >= bestRow.ndcg) bestRow = baselineRow;
  return {
    ...base,
    tooSlow,
    chosen: bestRow.model,
    users,
    excludeSeen: bestRow.excludeSeen,
    rows,
    seconds: (performance.now() - t0) / 1000,
    note: null,
    baseline: baselineRow ? { model: baselineRow.model, ndcg: baselineRow.ndcg } : null,
  };
}

/**
 * Who goes on to the full validation: the `maxKept` best of those within `keepWithin` (relative) of
 * the first cut's best, whatever their fit time. A slow model close to the best is not dropped: on a
 * small sample the blend's own validation has few customers and ties its best component, yet on the
 * full history it can win clearly (a generated world of 14k customers: first cut blend ≈ user-kNN,
 * test window blend 0.3859 against user-kNN 0.3762, when a fit-time rule had dropped it).
 */
export function keptAfterFirstCut(first: AutoRow[], keepWithin: number, maxKept: number): string[] {
  if (first.length === 0) return [];
  const best = first.reduce((a, b) => (b.ndcg > a.ndcg ? b : a));
  return first
    .filter((r) => r.ndcg >= (1 - keepWithin) * best.ndcg)
    .sort((a, b) => b.ndcg - a.ndcg)
    .slice(0, maxKept)
    .map((r) => r.model);
}

/**
 * The validation split: history before asOf − H against the purchases in [asOf − H, asOf) when that
 * window holds enough customers; otherwise (short or timeless logs, customers active in bursts: a
 * ratings log) each customer's last purchase occasion held out (blendValidation.holdoutSplit).
 */
function validationSplit(
  lines: PurchaseLines,
  asOf: number,
  horizonDays: number,
  variant: B1Variant,
): { split: B1Split; how: 'time' | 'holdout' } {
  const timed = b1SplitFromLines(lines, asOf - horizonDays * DAY, asOf);
  if (usersOf(timed, variant).length >= MIN_USERS) return { split: timed, how: 'time' };
  const held = holdoutSplit(interactionLogFromLines(lines, asOf), { holdoutShare: 0.2, seed: 7 });
  const split = b1SplitFromTruth(held.log, held.truth);
  return usersOf(split, variant).length > usersOf(timed, variant).length ? { split, how: 'holdout' } : { split: timed, how: 'time' };
}

function usersOf(split: B1Split, variant: B1Variant): Int32Array {
  return variant === 'all' ? split.usersAll : split.usersNew;
}

async function scored(
  split: B1Split,
  candidates: [string, () => Recommender][],
  stage: AutoRow['stage'],
  variant: B1Variant,
  k: number,
  log: (l: string) => void,
  progress: (f: number, s: string) => void,
  listMode?: Map<string, boolean>,
): Promise<AutoRow[]> {
  const out: AutoRow[] = [];
  for (const [c, [name, make]] of candidates.entries()) {
    progress(c / candidates.length, `${stage}: ${name}`);
    let r;
    try {
      // all items: the better of the lists with and without past purchases (a tie keeps them in), unless the first cut chose
      const both = variant === 'all' && !listMode?.has(name);
      const modes = await evaluateModels(
        split,
        [{ name, make, excludeSeen: listMode?.get(name) }],
        k,
        [variant],
        undefined,
        undefined,
        both,
      );
      r = modes.reduce((a, b) => (b.ndcg > a.ndcg + 1e-9 ? b : a));
    } catch (e) {
      // a model that cannot run on this data (e.g. EASE's dense weights on a huge catalogue) is skipped
      log(`auto (${stage}): ${name} skipped: ${(e as Error).message}`);
      continue;
    }
    const { ndcg, recall, hit, users, fitSeconds, excludeSeen } = r;
    out.push({ model: name, stage, ndcg, recall, hit, users, fitSeconds, excludeSeen });
    log(
      `auto (${stage}): ${name}${listModeNote(variant, excludeSeen)} NDCG@${k} ${ndcg.toFixed(4)}, recall ${recall.toFixed(4)}, fitted in ${fitSeconds.toFixed(1)} s`,
    );
  }
  return out;
}

/** Every n-th customer with lines (n = ⌈customers / max⌉), renumbered densely; the lines as they are when few enough. */
function customerSample(lines: PurchaseLines, max: number): { lines: PurchaseLines; sample: RecsAutoChoice['sample'] } {
  const has = new Uint8Array(lines.nUsers);
  for (const u of lines.user) has[u] = 1;
  const of = has.reduce((a, b) => a + b, 0);
  if (of <= max) return { lines, sample: null };
  const out = linesOfEveryNthCustomer(lines, Math.ceil(of / max));
  return { lines: out, sample: { customers: out.nUsers, of } };
}

/** The lines of every `every`-th customer by index (and of kept items only, when `itemKept` is given), renumbered densely. */
function linesOfEveryNthCustomer(lines: PurchaseLines, every: number, itemKept?: Uint8Array): PurchaseLines {
  const keep: number[] = [];
  for (let l = 0; l < lines.ts.length; l++) if (lines.user[l] % every === 0 && (!itemKept || itemKept[lines.item[l]])) keep.push(l);
  return compactedLines(purchaseLinesAt(lines, keep));
}

/**
 * About `target` history lines: the 2,000 most-bought items and an evenly spread sample of customers
 * (every n-th by index), renumbered densely. Lines after the cut are kept for the truth.
 */
function reducedLines(lines: PurchaseLines, cut: number, target: number): PurchaseLines {
  let history = 0;
  while (history < lines.ts.length && lines.ts[history] < cut) history++;
  const count = new Int32Array(lines.nItems);
  for (let l = 0; l < history; l++) count[lines.item[l]]++;
  const order = Array.from(count.keys())
    .sort((a, b) => count[b] - count[a])
    .slice(0, 2000);
  const itemKept = new Uint8Array(lines.nItems);
  for (const i of order) itemKept[i] = 1;
  return linesOfEveryNthCustomer(lines, Math.max(1, Math.ceil(history / target)), itemKept);
}
