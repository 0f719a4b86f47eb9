// Class transformation (Jaskowski & Jaroszewicz 2012): one classifier on z = y·w + (1 − y)(1 − w)
// (z = 1 for treated responders and control non-responders). With treatment share e,
//   P(z = 1 | x) = e·p_T(x) + (1 − e)·(1 − p_C(x)),
// which equals (1 + p_T − p_C)/2 only when e = 1/2. Arms of unequal size are therefore re-weighted,
// not subsampled (no rows are thrown away): treated rows get weight n/(2·n_T), control rows
// n/(2·n_C), so the weighted treatment share is exactly 1/2 (mean weight 1, so GBDT's
// minChildHessian keeps its meaning), and uplift(x) = 2·P̂_weighted(z = 1 | x) − 1. Pure.
import { binaryFromData, binaryProbabilities, type BinaryModel } from './binaryLearner.ts';
import type { UpliftConfig, UpliftLearner } from './upliftConfig.ts';

export interface ClassTransformationModel {
  method: 'class-transformation';
  learner: UpliftLearner;
  transformed: BinaryModel;
}

export function classTransformationFromData(
  learner: UpliftLearner,
  X: Float32Array,
  nRows: number,
  nF: number,
  y: Uint8Array,
  treated: Uint8Array,
  rows: Int32Array,
  cfg: UpliftConfig,
): ClassTransformationModel {
  let nT = 0;
  for (const r of rows) if (treated[r] > 0) nT++;
  const n = rows.length,
    nC = n - nT;
  if (nT === 0 || nC === 0) throw new Error(`uplift: needs treated and control rows (${nT} treated, ${nC} control)`);
  const z = new Uint8Array(nRows),
    weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i],
      w = treated[r] > 0 ? 1 : 0,
      yy = y[r] > 0 ? 1 : 0;
    z[r] = yy === w ? 1 : 0;
    weights[i] = w ? n / (2 * nT) : n / (2 * nC);
  }
  return {
    method: 'class-transformation',
    learner,
    transformed: binaryFromData('class-transformation', learner, X, nRows, nF, z, rows, cfg, weights),
  };
}

export function classTransformationScores(
  model: ClassTransformationModel,
  X: Float32Array,
  nRows: number,
  rows?: Int32Array,
): Float64Array {
  const p = binaryProbabilities(model.transformed, X, nRows, rows);
  for (let i = 0; i < p.length; i++) p[i] = 2 * p[i] - 1;
  return p;
}
