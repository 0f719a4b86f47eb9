// How an uplift model is fitted (see upliftModel.ts). Defaults are regularised on purpose: uplift is
// a difference of two small, noisy response rates, so few shallow trees with large leaves (and a
// strong L2 on leaf values) generalise better than the propensity model's deeper ensembles.
import type { GbdtConfig } from '../propensity/gbdt.ts';
import type { LogisticConfig } from '../propensity/logistic.ts';

export type UpliftMethod = 't-learner' | 'class-transformation';
export type UpliftLearner = 'gbdt' | 'logistic';

export interface UpliftConfig {
  /** 'auto' fits every candidate on internal folds of the training rows and keeps the best Qini. */
  method: 'auto' | UpliftMethod;
  /** Base learner; 'auto' tries both. */
  learner: 'auto' | UpliftLearner;
  /** Overrides of upliftGbdtDefaults. */
  gbdt?: Partial<GbdtConfig>;
  /** Overrides of the logistic regression defaults. */
  logistic?: Partial<LogisticConfig>;
  /** Internal cross-validation folds of the training rows for the validation report and 'auto' (≥ 2). */
  folds: number;
  /** 'auto' keeps its first (preferred) candidate unless another's mean per-fold Qini gain over it
   *  exceeds this many standard errors of that gain (0: the plain maximum over positive gains). */
  selectionSe: number;
  /** Seeds the folds and the trees' row sampling: a fit is deterministic for a seed. */
  seed: number;
}

export const defaultUpliftConfig: UpliftConfig = { method: 'auto', learner: 'auto', folds: 3, selectionSe: 1, seed: 1 };

/** GBDT settings per uplift method. Chosen by the mean normalised Qini over 3 internal folds of the
 *  *training* halves of Hillstrom (B4 seeds 1–2, all four arm × target pairs; the test halves never
 *  seen): round 1 trees {30, 60, 120} × depth {2, 3} × minChildHessian {20, 50} × l2 {1, 10}, round 2
 *  around each method's best (bench/lib/upliftTune.ts; figures in docs/uplift.md). The T-learner
 *  prefers few shallow trees; class transformation (h ≈ 1/4 per row) larger leaves. */
export const upliftGbdtDefaults: Record<UpliftMethod, Omit<GbdtConfig, 'seed'>> = {
  't-learner': { trees: 30, depth: 2, learningRate: 0.05, bins: 32, l2: 10, minChildHessian: 10, rowSample: 0.7, objective: 'logloss' },
  'class-transformation': {
    trees: 30,
    depth: 3,
    learningRate: 0.05,
    bins: 32,
    l2: 10,
    minChildHessian: 50,
    rowSample: 0.7,
    objective: 'logloss',
  },
};
