// One binary classifier behind the uplift methods: a GBDT or a logistic regression, fitted on
// training rows with optional per-row weights, scored as probabilities. Pure.
import { gbdtFromData, gbdtScores, type GbdtModel } from '../propensity/gbdt.ts';
import { defaultLogisticConfig, logisticFromData, logisticScores, type LogisticModel } from '../propensity/logistic.ts';
import { upliftGbdtDefaults, type UpliftConfig, type UpliftLearner, type UpliftMethod } from './upliftConfig.ts';

export type BinaryModel = GbdtModel | LogisticModel;

/** `method` selects the GBDT defaults tuned for it (cfg.gbdt overrides them). */
export function binaryFromData(
  method: UpliftMethod,
  learner: UpliftLearner,
  X: Float32Array,
  nRows: number,
  nF: number,
  y: Uint8Array,
  rows: Int32Array,
  cfg: UpliftConfig,
  weights?: Float64Array,
): BinaryModel {
  if (learner === 'gbdt') {
    const gbdt = { ...upliftGbdtDefaults[method], seed: cfg.seed, ...cfg.gbdt, objective: 'logloss' as const };
    return gbdtFromData(X, nRows, nF, y, rows, gbdt, 1, weights);
  }
  return logisticFromData(X, nRows, nF, y, rows, { ...defaultLogisticConfig, ...cfg.logistic }, weights);
}

/** P(y = 1 | x) per row of `rows` (all rows when omitted). */
export function binaryProbabilities(model: BinaryModel, X: Float32Array, nRows: number, rows?: Int32Array): Float64Array {
  const logits = model.kind === 'gbdt' ? gbdtScores(model, X, nRows, rows) : logisticScores(model, X, nRows, rows);
  for (let i = 0; i < logits.length; i++) logits[i] = 1 / (1 + Math.exp(-logits[i]));
  return logits;
}
