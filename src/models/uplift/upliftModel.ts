// Uplift models behind one interface: upliftFromData fits the configured method × learner (or, for
// 'auto', every candidate) and reports each candidate's normalised Qini on internal cross-validation
// folds of the *training* rows; the chosen candidate is then refitted on all training rows.
// Choice: the one-standard-error rule. Candidates are tried in order of preference (T-learner before
// class transformation, GBDT before logistic: the order of their internal Qini on the B4 training
// halves, docs/uplift.md); a later candidate replaces the first only when its mean per-fold gain over
// it exceeds cfg.selectionSe (default 1) standard errors of that gain. Qini differences between
// candidates are often smaller than fold noise (Hillstrom conversion: 60–95 responders per arm), and
// the raw maximum then mostly picks noise.
// upliftScores gives uplift(x) = P(y | x, treated) − P(y | x, control) estimates. Pure.
// X is column-major: X[f·nRows + r]; y, treated: one flag per row of X (> 0 = yes).
import { normalisedQini } from '../../evaluate/upliftMetrics.ts';
import { classTransformationFromData, classTransformationScores, type ClassTransformationModel } from './classTransformation.ts';
import { tLearnerFromData, tLearnerScores, type TLearnerModel } from './tLearner.ts';
import { defaultUpliftConfig, type UpliftConfig, type UpliftLearner, type UpliftMethod } from './upliftConfig.ts';
import { upliftFolds } from './upliftFolds.ts';

export { defaultUpliftConfig, type UpliftConfig } from './upliftConfig.ts';

export interface UpliftCandidate {
  method: UpliftMethod;
  learner: UpliftLearner;
  /** Mean normalised Qini over the internal folds (NaN when no fold could be scored). */
  qini: number;
  /** Normalised Qini per internal fold (NaN for a fold without responders in both arms). */
  foldQini: number[];
}

export interface UpliftValidation {
  method: UpliftMethod;
  learner: UpliftLearner;
  /** The chosen candidate's mean internal normalised Qini. */
  qini: number;
  folds: number;
  /** Every candidate tried, in order of preference (see the one-standard-error rule above). */
  candidates: UpliftCandidate[];
}

export interface UpliftModel {
  kind: 'uplift';
  nFeatures: number;
  fitted: TLearnerModel | ClassTransformationModel;
  validation: UpliftValidation;
}

const METHODS: UpliftMethod[] = ['t-learner', 'class-transformation'];
const LEARNERS: UpliftLearner[] = ['gbdt', 'logistic'];

/** Index of the chosen candidate: the first, unless one beats it by more than `selectionSe` standard errors. */
export function chosenCandidate(candidates: UpliftCandidate[], selectionSe: number): number {
  let chosen = 0,
    bestGain = 0;
  const ref = candidates[0].foldQini;
  for (let c = 1; c < candidates.length; c++) {
    const d = candidates[c].foldQini.map((q, k) => q - ref[k]).filter((x) => Number.isFinite(x));
    if (d.length < 2) continue;
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const se = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (d.length - 1) / d.length);
    if (mean > selectionSe * se && mean > bestGain) {
      chosen = c;
      bestGain = mean;
    }
  }
  return chosen;
}

function fitOne(
  method: UpliftMethod,
  learner: UpliftLearner,
  X: Float32Array,
  nRows: number,
  nF: number,
  y: Uint8Array,
  treated: Uint8Array,
  rows: Int32Array,
  cfg: UpliftConfig,
): TLearnerModel | ClassTransformationModel {
  return method === 't-learner'
    ? tLearnerFromData(learner, X, nRows, nF, y, treated, rows, cfg)
    : classTransformationFromData(learner, X, nRows, nF, y, treated, rows, cfg);
}

function fittedScores(m: TLearnerModel | ClassTransformationModel, X: Float32Array, nRows: number, rows?: Int32Array): Float64Array {
  return m.method === 't-learner' ? tLearnerScores(m, X, nRows, rows) : classTransformationScores(m, X, nRows, rows);
}

export function upliftFromData(
  X: Float32Array,
  nRows: number,
  nF: number,
  y: Uint8Array,
  treated: Uint8Array,
  rows: Int32Array,
  cfg: UpliftConfig = defaultUpliftConfig,
): UpliftModel {
  if (X.length !== nRows * nF) throw new Error(`uplift: X has ${X.length} values, expected ${nRows}×${nF}`);
  if (y.length !== nRows || treated.length !== nRows)
    throw new Error(`uplift: ${nRows} rows but ${y.length} outcomes and ${treated.length} treatment flags`);
  let nT = 0;
  for (const r of rows) if (treated[r] > 0) nT++;
  if (nT < cfg.folds || rows.length - nT < cfg.folds)
    throw new Error(
      `uplift: needs at least ${cfg.folds} treated and ${cfg.folds} control rows (${nT} treated, ${rows.length - nT} control)`,
    );
  const methods = cfg.method === 'auto' ? METHODS : [cfg.method];
  const learners = cfg.learner === 'auto' ? LEARNERS : [cfg.learner];
  const fold = upliftFolds(rows, y, treated, cfg.folds, cfg.seed);
  const candidates: UpliftCandidate[] = [];
  for (const method of methods)
    for (const learner of learners) {
      const foldQini: number[] = [];
      for (let k = 0; k < cfg.folds; k++) {
        const fit = rows.filter((_r, i) => fold[i] !== k),
          held = rows.filter((_r, i) => fold[i] === k);
        const s = fittedScores(fitOne(method, learner, X, nRows, nF, y, treated, fit, cfg), X, nRows, held);
        foldQini.push(
          normalisedQini(
            s,
            Uint8Array.from(held, (r) => y[r]),
            Uint8Array.from(held, (r) => treated[r]),
          ),
        );
      }
      const scored = foldQini.filter((q) => Number.isFinite(q));
      candidates.push({ method, learner, qini: scored.length ? scored.reduce((a, b) => a + b, 0) / scored.length : NaN, foldQini });
    }
  const best = candidates[chosenCandidate(candidates, cfg.selectionSe)];
  const fitted = fitOne(best.method, best.learner, X, nRows, nF, y, treated, rows, cfg);
  return {
    kind: 'uplift',
    nFeatures: nF,
    fitted,
    validation: { method: best.method, learner: best.learner, qini: best.qini, folds: cfg.folds, candidates },
  };
}

/** Estimated uplift per row of `rows` (all rows of X when omitted). */
export function upliftScores(model: UpliftModel, X: Float32Array, nRows: number, rows?: Int32Array): Float64Array {
  if (X.length !== nRows * model.nFeatures) throw new Error(`uplift: X has ${X.length} values, expected ${nRows}×${model.nFeatures}`);
  return fittedScores(model.fitted, X, nRows, rows);
}
