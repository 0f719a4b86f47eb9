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
import { offerFeaturesFromLines, offerLabelsFromLines, type OfferExtras, type OfferFeatures, type PropensityLines } from '../../snapshot/offerFeatures.ts';
import { defaultGbdtConfig, gbdtFromData, gbdtScores, type GbdtConfig, type GbdtModel } from './gbdt.ts';
import { defaultLogisticConfig, logisticFromData, logisticScores, type LogisticConfig, type LogisticModel } from './logistic.ts';
import { offerQualityFromScores } from './offerQuality.ts';
import { plattFromScores, probabilitiesFromLogits, type Platt } from './platt.ts';

export interface PropensityConfig {
  /** Label horizon H in days ("bought within the next H days"); B2's test window is ~100 days. */
  horizonDays: number;
  /** Number of training cuts K (cut 0, the most recent, is the held-out validation cut). */
  trainCuts: number;
  /** Days between consecutive cuts. */
  cutStepDays: number;
  /** 'auto' keeps the better model on the validation cut; otherwise force one. */
  kind: 'auto' | 'gbdt' | 'logistic';
  gbdt: GbdtConfig;
  logistic: LogisticConfig;
  /** Add the offer's seasonal index (log, from last year's matching window) to the logit when scoring:
   *  a label-shift correction for seasons the training cuts cannot contain. Off by default: no
   *  earlier cut can validate it when history is shorter than a year plus the horizon. */
  seasonalShift: boolean;
}

export const defaultPropensityConfig: PropensityConfig = {
  horizonDays: 100, trainCuts: 8, cutStepDays: 15, kind: 'auto',
  gbdt: defaultGbdtConfig, logistic: defaultLogisticConfig, seasonalShift: false,
};

export interface ValidationReport { meanAuc: number; meanLift10: number; seconds: number }

type Fitted = GbdtModel | LogisticModel;

export interface PropensityModel {
  kind: 'gbdt' | 'logistic';
  /** P(buy o | active): over all features, rows = customer × offer. */
  choice: Fitted;
  /** P(active): over the features listed in activityFeatures, rows = customers. */
  activity: Fitted;
  activityFeatures: number[];
  platt: Platt;
  featureNames: string[];
  config: PropensityConfig;
  /** Both candidates' quality on the validation cut (logistic absent when kind forced to gbdt, …). */
  validation: { gbdt?: ValidationReport; logistic?: ValidationReport };
}

const DAY = 86_400_000;

interface Cut { f: OfferFeatures; y: Uint8Array; buyer: Uint8Array }
interface Stack { X: Float32Array; nRows: number; nF: number; y: Uint8Array; rows: Int32Array }

function cutFrom(f: OfferFeatures, y: Uint8Array): Cut {
  const buyer = new Uint8Array(f.nCustomers);
  for (let r = 0; r < y.length; r++) if (y[r]) buyer[Math.floor(r / f.nOffers)] = 1;
  return { f, y, buyer };
}

/** Stacks the selected (column-major) rows of several cuts: `pick` lists, per cut, source rows,
 *  `cols` the source feature columns, `label` the target of a source row. */
function stack(cuts: Cut[], pick: (c: Cut) => number[], cols: number[], label: (c: Cut, r: number) => number): Stack {
  const rowsOf = cuts.map(pick);
  const nRows = rowsOf.reduce((s, r) => s + r.length, 0), nF = cols.length;
  const X = new Float32Array(nRows * nF), y = new Uint8Array(nRows);
  let off = 0;
  cuts.forEach((cut, k) => {
    const rows = rowsOf[k];
    cols.forEach((src, f) => {
      const base = src * cut.f.nRows, dst = f * nRows + off;
      for (let i = 0; i < rows.length; i++) X[dst + i] = cut.f.X[base + rows[i]];
    });
    for (let i = 0; i < rows.length; i++) y[off + i] = label(cut, rows[i]);
    off += rows.length;
  });
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

function fit(kind: 'gbdt' | 'logistic', s: Stack, cfg: PropensityConfig): Fitted {
  return kind === 'gbdt' ? gbdtFromData(s.X, s.nRows, s.nF, s.y, s.rows, cfg.gbdt) : logisticFromData(s.X, s.nRows, s.nF, s.y, s.rows, cfg.logistic);
}
function logitsOf(m: Fitted, X: Float32Array, nRows: number): Float64Array {
  return m.kind === 'gbdt' ? gbdtScores(m, X, nRows) : logisticScores(m, X, nRows);
}

/** logit(σ(a_c)·σ(b_r)) per row, plus the optional offer seasonal shift. */
function combinedLogits(choice: Fitted, activity: Fitted, activityFeatures: number[], f: OfferFeatures, seasonalShift: boolean): Float64Array {
  const b = logitsOf(choice, f.X, f.nRows);
  const nC = f.nCustomers, nO = f.nOffers;
  const XA = new Float32Array(activityFeatures.length * nC);
  activityFeatures.forEach((src, j) => { for (let c = 0; c < nC; c++) XA[j * nC + c] = f.X[src * f.nRows + c * nO]; });
  const a = logitsOf(activity, XA, nC);
  const si = f.names.indexOf('offer_season_index');
  for (let r = 0; r < f.nRows; r++) {
    // log p − log(1 − p) with p = σ(a)σ(b), computed in log space: log σ(x) = −log(1 + e^−x).
    const logP = -Math.log1p(Math.exp(-a[Math.floor(r / nO)])) - Math.log1p(Math.exp(-b[r]));
    b[r] = logP - Math.log(-Math.expm1(Math.min(logP, -1e-12)));
    if (seasonalShift && si >= 0) b[r] += f.X[si * f.nRows + r];
  }
  return b;
}

/** Trains on cuts before `asOf` (epoch ms); `log` receives progress lines. */
export function propensityFromLines(lines: PropensityLines, asOf: number, cfg: PropensityConfig = defaultPropensityConfig, extras: OfferExtras = {}, log: (s: string) => void = () => {}): PropensityModel {
  const H = cfg.horizonDays * DAY;
  const cutAt = (k: number) => asOf - H - k * cfg.cutStepDays * DAY;
  const cut = (k: number) => {
    const t = cutAt(k);
    return cutFrom(offerFeaturesFromLines(lines, { asOf: t, horizonDays: cfg.horizonDays }, extras), offerLabelsFromLines(lines, t, t + H));
  };
  const val = cut(0);
  const train = Array.from({ length: cfg.trainCuts }, (_, k) => cut(k + 1));
  const names = val.f.names, allCols = names.map((_, i) => i);
  const activityFeatures = allCols.filter((i) => names[i].startsWith('cust_'));
  const choiceData = stack(train, (c) => choiceRows(c, true), allCols, (c, r) => c.y[r]);
  const activityData = stack(train, activityRows, activityFeatures, (c, r) => c.buyer[r / c.f.nOffers]);
  const positives = (s: Stack) => s.y.reduce((a, v) => a + v, 0);
  if (positives(choiceData) === 0 || !val.f.active.includes(1)) {
    const first = new Date(cutAt(cfg.trainCuts)).toISOString().slice(0, 10);
    throw new UserError(`not enough history to train the propensity model: it needs purchases before ${first} and buyers in its label windows`);
  }
  log(`propensity: ${choiceData.nRows} choice rows × ${choiceData.nF} features, ${activityData.nRows} activity rows, ${cfg.trainCuts} cuts`);
  const valCustomers = Int32Array.from(allCustomers(val.f));
  const candidates: { kind: 'gbdt' | 'logistic'; choice: Fitted; activity: Fitted; logits: Float64Array; report: ValidationReport }[] = [];
  for (const kind of ['gbdt', 'logistic'] as const) {
    if (cfg.kind !== 'auto' && cfg.kind !== kind) continue;
    const t0 = performance.now();
    const choice = fit(kind, choiceData, cfg), activity = fit(kind, activityData, cfg);
    const seconds = (performance.now() - t0) / 1000;
    // Validation quality is per offer, so the offer-level seasonal shift cannot change it.
    const logits = combinedLogits(choice, activity, activityFeatures, val.f, false);
    const q = offerQualityFromScores(logits, val.y, val.f.nOffers, valCustomers);
    candidates.push({ kind, choice, activity, logits, report: { meanAuc: q.meanAuc, meanLift10: q.meanLift10, seconds } });
    log(`propensity: ${kind} validation mean AUC ${q.meanAuc.toFixed(4)}, lift@10% ${q.meanLift10.toFixed(2)} (${seconds.toFixed(1)} s)`);
  }
  const best = candidates.reduce((a, b) => (b.report.meanAuc > a.report.meanAuc ? b : a));
  const rows = choiceRows(val, false);
  const platt = plattFromScores(Float64Array.from(rows, (r) => best.logits[r]), Uint8Array.from(rows, (r) => val.y[r]));
  const validation: PropensityModel['validation'] = {};
  for (const c of candidates) validation[c.kind] = c.report;
  return { kind: best.kind, choice: best.choice, activity: best.activity, activityFeatures, platt, featureNames: names, config: cfg, validation };
}

function allCustomers(f: OfferFeatures): number[] {
  const out: number[] = [];
  for (let c = 0; c < f.nCustomers; c++) if (f.active[c]) out.push(c);
  return out;
}

/** Calibrated probabilities, customers × offers row-major, from features at `asOf`. */
export function propensityScores(model: PropensityModel, lines: PropensityLines, asOf: number, extras: OfferExtras = {}): Float64Array {
  const f = offerFeaturesFromLines(lines, { asOf, horizonDays: model.config.horizonDays }, extras);
  if (f.names.join() !== model.featureNames.join()) throw new Error('propensity: features at scoring differ from training (were engagement/contact arrays given to only one?)');
  return probabilitiesFromLogits(model.platt, combinedLogits(model.choice, model.activity, model.activityFeatures, f, model.config.seasonalShift));
}
