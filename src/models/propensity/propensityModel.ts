// The pooled TOR propensity model: P(customer buys in the offer's scope within the horizon),
// factored as P(buy o) = P(active) · P(buy o | active), "active" = buys in any offer's scope within
// the horizon. The choice part is trained only on customers active in the label window, so its
// capacity goes to *which* offers (what per-customer ranking needs); the activity part, one row per
// customer on the cust_* features, carries *whether* (what per-offer targeting needs).
// Training data are cuts strictly before asOf: cut k has features at t_k = asOf − H − k·step and
// labels over [t_k, t_k + H), so every label ends by asOf. Cut 0 (labels ending at asOf) is held
// out: GBDT and logistic regression are each trained on cuts 1..K, compared on cut 0 by mean
// per-offer AUC, the better kept, and Platt-calibrated on cut 0. Pure.
import { UserError } from '../../domain/errors.ts';
import {
  offerFeaturesFromLines,
  offerLabelsForCustomers,
  type OfferExtras,
  type OfferFeatures,
  type PropensityLines,
} from '../../snapshot/offerFeatures.ts';
import { customerLineIndexFromLines, customersWithHistory } from '../../snapshot/offerFeaturesIndex.ts';
import { offerLevelStatsFromLines, type OfferLevelStats } from '../../snapshot/offerFeaturesOffer.ts';
import { defaultGbdtConfig, gbdtFromData, gbdtScores, type GbdtConfig, type GbdtModel } from './gbdt.ts';
import { defaultLogisticConfig, logisticFromData, logisticScores, type LogisticConfig, type LogisticModel } from './logistic.ts';
import { offerQualityFromScores } from './offerQuality.ts';
import { plattFromScores, probabilitiesFromLogits, type Platt } from './platt.ts';
import { trainSampleFromCustomers } from './trainSample.ts';
import { DAY } from '../../math/day.ts';

export interface PropensityConfig {
  /** Label horizon H in days ("bought within the next H days"); B2's test window is ~100 days. */
  horizonDays: number;
  /** Label window in days of the choice model's training cuts, which end at asOf − Hc − k·step
   *  (k = 0..K−1): shorter than the horizon so its cuts sit closer to asOf (the offer mix drifts by
   *  season) and it learns which offers come next. The activity model keeps the full horizon. */
  choiceHorizonDays: number;
  /** Number of training cuts K (cut 0, the most recent, is the held-out validation cut). */
  trainCuts: number;
  /** Days between consecutive cuts. */
  cutStepDays: number;
  /** Learner of the choice part: 'auto' keeps the better on the validation cut; otherwise force one. */
  kind: 'auto' | 'gbdt' | 'logistic';
  /** Learner of the activity part, likewise ('auto': every pair with the choice learners is compared). */
  activityKind: 'auto' | 'gbdt' | 'logistic';
  gbdt: GbdtConfig;
  /** Overrides of `gbdt` for the activity part (one row per customer: far fewer rows than the choice part). */
  activityGbdt: Partial<GbdtConfig>;
  logistic: LogisticConfig;
  /** Add the offer's seasonal index (log, from last year's matching window) to the logit when scoring:
   *  a label-shift correction for seasons the training cuts cannot contain. Off by default: no
   *  earlier cut can validate it when history is shorter than a year plus the horizon. */
  seasonalShift: boolean;
  /** Feature-name prefixes left out of the choice model (e.g. 'offer_': offer-level columns identify an
   *  offer within a cut, which lets a model memorise each cut's offer mix). */
  choiceExclude: string[];
  /** Customers featurised per training cut: above it, a fixed hash-based sample of this size (training
   *  cost then stops growing with the audience; offer-level features still use every customer). */
  maxTrainCustomers: number;
}

// Chosen on B2 validation cuts (as-of 2011-06-01, Jun–Aug labels; checked at 2011-07-15), never on
// the test window: a 30-day choice horizon beat 15/45/60/100; the GBDT choice part beat logistic on
// NDCG@4; 100 trees at η 0.15, 16 bins, 30 % rows matched 150/0.1/32/50 % at a third of the time;
// a smaller activity GBDT (60 trees, depth 3) beat the choice-sized one on mean AUC. The 10,000-customer
// training cap keeps a 100k audience at ~30 s on 2 cores and is above B2's 4,335 customers.
export const defaultPropensityConfig: PropensityConfig = {
  horizonDays: 100,
  choiceHorizonDays: 30,
  trainCuts: 8,
  cutStepDays: 15,
  kind: 'gbdt',
  activityKind: 'auto',
  gbdt: { ...defaultGbdtConfig, trees: 100, learningRate: 0.15, bins: 16, rowSample: 0.3 },
  activityGbdt: { trees: 60, depth: 3 },
  logistic: defaultLogisticConfig,
  seasonalShift: false,
  choiceExclude: [],
  maxTrainCustomers: 10_000,
};

export interface ValidationReport {
  meanAuc: number;
  meanLift10: number;
  seconds: number;
}

type Fitted = GbdtModel | LogisticModel;

export interface PropensityModel {
  /** Learner of the choice part. */
  kind: 'gbdt' | 'logistic';
  /** Learner of the activity part. */
  activityKind: 'gbdt' | 'logistic';
  /** P(buy o | active): over all features, rows = customer × offer. */
  choice: Fitted;
  /** P(active): over the features listed in activityFeatures, rows = customers. */
  activity: Fitted;
  activityFeatures: number[];
  /** Feature columns the choice model reads. */
  choiceFeatures: number[];
  /** Mean pool offers bought per active customer in the training label windows (scales softmax shares). */
  offersPerBuyer: number;
  platt: Platt;
  featureNames: string[];
  config: PropensityConfig;
  /** Quality on the validation cut of each learner used for both parts (absent when not tried). */
  validation: { gbdt?: ValidationReport; logistic?: ValidationReport };
}

interface Cut {
  f: OfferFeatures;
  y: Uint8Array;
  buyer: Uint8Array;
}
interface Stack {
  X: Float32Array;
  nRows: number;
  nF: number;
  y: Uint8Array;
  rows: Int32Array;
}
/** Training rows taken from one cut: column-major X (nF × rows.length) and their labels. */
interface Block {
  X: Float32Array;
  y: Uint8Array;
  n: number;
}

function cutFrom(f: OfferFeatures, y: Uint8Array): Cut {
  const buyer = new Uint8Array(f.nCustomers);
  for (let r = 0; r < y.length; r++) if (y[r]) buyer[Math.floor(r / f.nOffers)] = 1;
  return { f, y, buyer };
}

/** Copies the source rows `rows` of a cut's (column-major) columns `cols`, with `label(r)` as target;
 *  done per cut so the cut's full feature matrix can be dropped before the next is built. */
function blockFrom(cut: Cut, rows: number[], cols: number[], label: (r: number) => number): Block {
  const n = rows.length,
    X = new Float32Array(n * cols.length);
  cols.forEach((src, f) => {
    const base = src * cut.f.nRows;
    for (let i = 0; i < n; i++) X[f * n + i] = cut.f.X[base + rows[i]];
  });
  return { X, y: Uint8Array.from(rows, label), n };
}

/** Stacks blocks of nF columns into one column-major matrix, blocks in order. */
function stack(blocks: Block[], nF: number): Stack {
  const nRows = blocks.reduce((s, b) => s + b.n, 0);
  const X = new Float32Array(nRows * nF),
    y = new Uint8Array(nRows);
  let off = 0;
  for (const b of blocks) {
    for (let f = 0; f < nF; f++) X.set(b.X.subarray(f * b.n, (f + 1) * b.n), f * nRows + off);
    y.set(b.y, off);
    off += b.n;
  }
  return { X, nRows, nF, y, rows: Int32Array.from({ length: nRows }, (_, i) => i) };
}

/** Customer × offer rows of customers with history before the cut (and, if `buyersOnly`, active in its label window). */
function choiceRows(c: Cut, buyersOnly: boolean): number[] {
  const out: number[] = [];
  for (let k = 0; k < c.f.nCustomers; k++) {
    if (!c.f.active[k] || (buyersOnly && !c.buyer[k])) continue;
    for (let o = 0; o < c.f.nOffers; o++) out.push(k * c.f.nOffers + o);
  }
  return out;
}
/** One row per customer with history (its offer-0 row: customer features are the same on every offer). */
const activityRows = (c: Cut) => choiceRows(c, false).filter((r) => r % c.f.nOffers === 0);

/** `groupSize` > 0 marks the choice data (groups of one customer's offers, where the GBDT's softmax
 *  objective applies); the activity data always use logloss. */
function fit(kind: 'gbdt' | 'logistic', s: Stack, cfg: PropensityConfig, groupSize = 0): Fitted {
  if (kind === 'logistic') return logisticFromData(s.X, s.nRows, s.nF, s.y, s.rows, cfg.logistic);
  const g = groupSize > 0 ? cfg.gbdt : { ...cfg.gbdt, ...cfg.activityGbdt, objective: 'logloss' as const };
  return gbdtFromData(s.X, s.nRows, s.nF, s.y, s.rows, g, Math.max(1, groupSize));
}
/** The choice model's scores are per-customer softmax scores (not logits) when it is a softmax GBDT. */
const isSoftmax = (m: Fitted) => m.kind === 'gbdt' && m.softmax;
function logitsOf(m: Fitted, X: Float32Array, nRows: number): Float64Array {
  return m.kind === 'gbdt' ? gbdtScores(m, X, nRows) : logisticScores(m, X, nRows);
}

/** logit(σ(a_c)·q_r) per row, plus the optional offer seasonal shift; q_r = σ(b_r) for a pointwise
 *  choice model, q_r = 1 − e^(−m·softmax_c(b)_o) for a softmax one (m = offers per active customer). */
function combinedLogits(
  m: Pick<PropensityModel, 'choice' | 'activity' | 'activityFeatures' | 'choiceFeatures' | 'offersPerBuyer'>,
  f: OfferFeatures,
  seasonalShift: boolean,
): Float64Array {
  const { choice, activity, activityFeatures, offersPerBuyer } = m;
  const b = logitsOf(choice, columnsOf(f, m.choiceFeatures), f.nRows);
  const nC = f.nCustomers,
    nO = f.nOffers;
  const XA = new Float32Array(activityFeatures.length * nC);
  activityFeatures.forEach((src, j) => {
    for (let c = 0; c < nC; c++) XA[j * nC + c] = f.X[src * f.nRows + c * nO];
  });
  const a = logitsOf(activity, XA, nC);
  const si = f.names.indexOf('offer_season_index');
  if (isSoftmax(choice)) toLogitOfShares(b, nO, offersPerBuyer);
  for (let r = 0; r < f.nRows; r++) {
    // log p − log(1 − p) with p = σ(a)σ(b), computed in log space: log σ(x) = −log(1 + e^−x).
    const logP = -Math.log1p(Math.exp(-a[Math.floor(r / nO)])) - Math.log1p(Math.exp(-b[r]));
    b[r] = logP - Math.log(-Math.expm1(Math.min(logP, -1e-12)));
    if (seasonalShift && si >= 0) b[r] += f.X[si * f.nRows + r];
  }
  return b;
}

/** The listed columns of f.X (column-major), as one array; f.X itself when all are listed in order. */
function columnsOf(f: OfferFeatures, cols: number[]): Float32Array {
  if (cols.length === f.names.length && cols.every((c, i) => c === i)) return f.X;
  const out = new Float32Array(cols.length * f.nRows);
  cols.forEach((c, j) => out.set(f.X.subarray(c * f.nRows, (c + 1) * f.nRows), j * f.nRows));
  return out;
}

/** In place, per customer row block of nO scores: b ← logit(1 − e^(−m·softmax(b))), i.e. the chance of at
 *  least one purchase in o when the m expected offer choices fall on o with probability softmax(b)_o
 *  (Poisson); strictly monotone in b, so the per-customer order is the softmax's. */
function toLogitOfShares(b: Float64Array, nO: number, m: number): void {
  for (let s = 0; s < b.length; s += nO) {
    let max = -Infinity,
      z = 0;
    for (let o = s; o < s + nO; o++) if (b[o] > max) max = b[o];
    for (let o = s; o < s + nO; o++) z += Math.exp(b[o] - max);
    for (let o = s; o < s + nO; o++) {
      const x = (m * Math.exp(b[o] - max)) / z; // q = 1 − e^(−x); logit q = log(e^x − 1)
      b[o] = x > 30 ? x : Math.log(Math.expm1(Math.max(x, 1e-300)));
    }
  }
}

/** Trains on cuts before `asOf` (epoch ms); `log` receives progress lines. */
export function propensityFromLines(
  lines: PropensityLines,
  asOf: number,
  cfg: PropensityConfig = defaultPropensityConfig,
  extras: OfferExtras = {},
  log: (s: string) => void = () => {},
): PropensityModel {
  const H = cfg.horizonDays * DAY,
    Hc = Math.min(cfg.choiceHorizonDays, cfg.horizonDays) * DAY;
  const cutAt = (k: number) => asOf - H - k * cfg.cutStepDays * DAY;
  // Lines bucketed by customer once; each cut featurises only the training sample (offer-level
  // columns still come from every customer's lines, as at scoring).
  const tFeatures = performance.now();
  const index = customerLineIndexFromLines(lines);
  const sample = trainSampleFromCustomers(customersWithHistory(lines, index, asOf), cfg.maxTrainCustomers);
  const cut = (t: number, label: number, who: (y: Uint8Array) => Int32Array = () => sample) => {
    const y = offerLabelsForCustomers(lines, index, sample, t, t + label);
    const customers = who(y);
    const f = offerFeaturesFromLines(lines, { asOf: t, horizonDays: cfg.horizonDays, customers, index }, extras);
    return cutFrom(f, customers === sample ? y : offerLabelsForCustomers(lines, index, customers, t, t + label));
  };
  // The choice part reads only customers active in the label window: featurise just those.
  const buyersOf = (y: Uint8Array) => sample.filter((_, k) => y.subarray(k * lines.nOffers, (k + 1) * lines.nOffers).includes(1));
  const val = cut(cutAt(0), H);
  const names = val.f.names,
    allCols = names.map((_, i) => i);
  const activityFeatures = allCols.filter((i) => names[i].startsWith('cust_'));
  const choiceFeatures = allCols.filter((i) => !cfg.choiceExclude.some((p) => names[i].startsWith(p)));
  const choiceBlock = (c: Cut) => blockFrom(c, choiceRows(c, true), choiceFeatures, (r) => c.y[r]);
  const activityBlocks: Block[] = [],
    choiceBlocks: Block[] = [];
  for (let k = 1; k <= cfg.trainCuts; k++) {
    const c = cut(cutAt(k), H);
    activityBlocks.push(blockFrom(c, activityRows(c), activityFeatures, (r) => c.buyer[r / c.f.nOffers]));
    if (Hc === H) choiceBlocks.push(choiceBlock(c));
  }
  // Choice cuts: features at t = asOf − Hc − k·step (same feature definition as at scoring), labels [t, t + Hc).
  if (Hc !== H)
    for (let k = 0; k < cfg.trainCuts; k++) choiceBlocks.push(choiceBlock(cut(asOf - Hc - k * cfg.cutStepDays * DAY, Hc, buyersOf)));
  const choiceData = stack(choiceBlocks, choiceFeatures.length);
  const activityData = stack(activityBlocks, activityFeatures.length);
  const positives = (s: Stack) => s.y.reduce((a, v) => a + v, 0);
  if (positives(choiceData) === 0 || !val.f.active.includes(1)) {
    const first = new Date(cutAt(cfg.trainCuts)).toISOString().slice(0, 10);
    throw new UserError(
      `not enough history to train the propensity model: it needs purchases before ${first} and buyers in its label windows`,
    );
  }
  const offersPerBuyer = positives(choiceData) / (choiceData.nRows / val.f.nOffers);
  log(
    `propensity: ${choiceData.nRows} choice rows × ${choiceData.nF} features, ${activityData.nRows} activity rows, ${cfg.trainCuts} cuts, ` +
      `${sample.length} of ${lines.nCustomers} customers (features in ${((performance.now() - tFeatures) / 1000).toFixed(1)} s)`,
  );
  const valCustomers = Int32Array.from(allCustomers(val.f));
  // Each part is fitted with every allowed learner; every (choice, activity) pair is scored on the
  // validation cut and the pair with the best mean per-offer AUC is kept.
  const kinds = (k: PropensityConfig['kind']) => (['gbdt', 'logistic'] as const).filter((x) => k === 'auto' || k === x);
  const fitted = (data: Stack, ks: ('gbdt' | 'logistic')[], groupSize: number) =>
    new Map(
      ks.map((k) => {
        const t0 = performance.now();
        const m = fit(k, data, cfg, groupSize);
        return [k, { m, seconds: (performance.now() - t0) / 1000 }] as const;
      }),
    );
  const choices = fitted(choiceData, kinds(cfg.kind), val.f.nOffers),
    activities = fitted(activityData, kinds(cfg.activityKind), 0);
  const candidates: {
    kind: 'gbdt' | 'logistic';
    activityKind: 'gbdt' | 'logistic';
    choice: Fitted;
    activity: Fitted;
    logits: Float64Array;
    report: ValidationReport;
  }[] = [];
  for (const [kind, c] of choices)
    for (const [activityKind, a] of activities) {
      // Validation quality is per offer, so the offer-level seasonal shift cannot change it.
      const logits = combinedLogits({ choice: c.m, activity: a.m, activityFeatures, choiceFeatures, offersPerBuyer }, val.f, false);
      const q = offerQualityFromScores(logits, val.y, val.f.nOffers, valCustomers);
      candidates.push({
        kind,
        activityKind,
        choice: c.m,
        activity: a.m,
        logits,
        report: { meanAuc: q.meanAuc, meanLift10: q.meanLift10, seconds: c.seconds + a.seconds },
      });
      log(
        `propensity: choice ${kind} × activity ${activityKind}: validation mean AUC ${q.meanAuc.toFixed(4)}, lift@10% ${q.meanLift10.toFixed(2)} (${(c.seconds + a.seconds).toFixed(1)} s)`,
      );
    }
  const best = candidates.reduce((a, b) => (b.report.meanAuc > a.report.meanAuc ? b : a));
  const rows = choiceRows(val, false);
  const platt = plattFromScores(
    Float64Array.from(rows, (r) => best.logits[r]),
    Uint8Array.from(rows, (r) => val.y[r]),
  );
  const validation: PropensityModel['validation'] = {};
  for (const c of candidates) if (c.kind === c.activityKind) validation[c.kind] = c.report;
  return {
    kind: best.kind,
    activityKind: best.activityKind,
    choice: best.choice,
    activity: best.activity,
    activityFeatures,
    choiceFeatures,
    offersPerBuyer,
    platt,
    featureNames: names,
    config: cfg,
    validation,
  };
}

function allCustomers(f: OfferFeatures): number[] {
  const out: number[] = [];
  for (let c = 0; c < f.nCustomers; c++) if (f.active[c]) out.push(c);
  return out;
}

/** Customers featurised and scored at once: bounds the feature matrix (CHUNK · nOffers · nFeatures floats). */
const SCORE_CHUNK = 8192;

/**
 * Calibrated probabilities, customers × offers row-major, from features at `asOf`. `allCustomerStats`:
 * the offer statistics of all customers, when `lines` hold only some customers (a distributed compute's shard).
 * `only`: score just these customers (the other rows stay 0), e.g. a backtest's sample.
 */
export function propensityScores(
  model: PropensityModel,
  lines: PropensityLines,
  asOf: number,
  extras: OfferExtras = {},
  allCustomerStats?: OfferLevelStats,
  only?: Int32Array,
): Float64Array {
  const horizonDays = model.config.horizonDays,
    nC = lines.nCustomers,
    nO = lines.nOffers;
  const index = customerLineIndexFromLines(lines);
  const offerStats = allCustomerStats ?? offerLevelStatsFromLines(lines, index, asOf, horizonDays);
  const out = new Float64Array(nC * nO);
  const who = only ?? Int32Array.from({ length: nC }, (_, c) => c);
  for (let c0 = 0; c0 < who.length; c0 += SCORE_CHUNK) {
    const customers = who.subarray(c0, Math.min(who.length, c0 + SCORE_CHUNK));
    const f = offerFeaturesFromLines(lines, { asOf, horizonDays, customers, index, offerStats }, extras);
    if (f.names.join() !== model.featureNames.join())
      throw new Error('propensity: features at scoring differ from training (were engagement/contact arrays given to only one?)');
    const p = probabilitiesFromLogits(model.platt, combinedLogits(model, f, model.config.seasonalShift));
    for (let r = 0; r < customers.length; r++) out.set(p.subarray(r * nO, (r + 1) * nO), customers[r] * nO);
  }
  return out;
}
