// T-learner ("two models"): one classifier on the treated rows, one on the control rows;
// uplift(x) = P̂(y = 1 | x, treated) − P̂(y = 1 | x, control). Each arm is fitted on its own rows, so
// unequal arm sizes need no correction. Pure.
import { binaryFromData, binaryProbabilities, type BinaryModel } from './binaryLearner.ts';
import type { UpliftConfig, UpliftLearner } from './upliftConfig.ts';

export interface TLearnerModel {
  method: 't-learner';
  learner: UpliftLearner;
  treated: BinaryModel;
  control: BinaryModel;
}

export function tLearnerFromData(
  learner: UpliftLearner,
  X: Float32Array,
  nRows: number,
  nF: number,
  y: Uint8Array,
  treated: Uint8Array,
  rows: Int32Array,
  cfg: UpliftConfig,
): TLearnerModel {
  const t = rows.filter((r) => treated[r] > 0),
    c = rows.filter((r) => !(treated[r] > 0));
  if (t.length === 0 || c.length === 0)
    throw new Error(`uplift: needs treated and control rows (${t.length} treated, ${c.length} control)`);
  return {
    method: 't-learner',
    learner,
    treated: binaryFromData('t-learner', learner, X, nRows, nF, y, t, cfg),
    control: binaryFromData('t-learner', learner, X, nRows, nF, y, c, cfg),
  };
}

export function tLearnerScores(model: TLearnerModel, X: Float32Array, nRows: number, rows?: Int32Array): Float64Array {
  const pt = binaryProbabilities(model.treated, X, nRows, rows),
    pc = binaryProbabilities(model.control, X, nRows, rows);
  for (let i = 0; i < pt.length; i++) pt[i] -= pc[i];
  return pt;
}
