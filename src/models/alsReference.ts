// Slow exact implicit ALS: each half-sweep solves every row's normal equations exactly with a
// k×k Cholesky, A_u = YᵀY + λI + Σ_i w_ui·y_i·y_iᵀ, b_u = Σ_i (1 + w_ui)·y_i. The CG solver is
// tested against it; fold-in of a single user uses the same exact solve.
import { solveSpd } from '../math/denseCholesky.ts';
import { gramFromFactors } from '../math/denseGram.ts';
import { defaultAlsConfig, type AlsConfig } from './alsConfig.ts';
import { alsProblemFromLog, initialFactors, type AlsFactors } from './alsFit.ts';
import type { WeightedRows } from './alsSweep.ts';
import type { InteractionLog } from './recommender.ts';

/** Exact solution for one row: items (column indices) with weights w = c − 1; gram = YᵀY + λI (k×k). */
export function rowFactorExact(
  items: ArrayLike<number>,
  weights: ArrayLike<number>,
  y: Float32Array,
  gram: Float64Array,
  k: number,
): Float64Array {
  const a = Float64Array.from(gram);
  const b = new Float64Array(k);
  for (let e = 0; e < items.length; e++) {
    const yo = items[e] * k,
      w = weights[e];
    for (let p = 0; p < k; p++) {
      const yp = y[yo + p];
      b[p] += (1 + w) * yp;
      const wp = w * yp;
      for (let q = 0; q < k; q++) a[p * k + q] += wp * y[yo + q];
    }
  }
  return solveSpd(a, k, b);
}

export function alsExactSweep(rows: WeightedRows, x: Float32Array, y: Float32Array, gram: Float64Array, k: number, nRows: number): void {
  for (let u = 0; u < nRows; u++) {
    const s = rows.indptr[u],
      e = rows.indptr[u + 1];
    x.set(rowFactorExact(rows.indices.subarray(s, e), rows.weights.subarray(s, e), y, gram, k), u * k);
  }
}

/** Reference fit with the same initialisation as alsFactorsFromLog; `onIteration` sees the factors after each sweep pair. */
export function alsFactorsExact(log: InteractionLog, config: Partial<AlsConfig> = {}, onIteration?: (f: AlsFactors) => void): AlsFactors {
  const cfg = { ...defaultAlsConfig, ...config };
  const k = cfg.factors;
  const { byUser, byItem } = alsProblemFromLog(log, cfg);
  const f: AlsFactors = {
    k,
    nUsers: log.nUsers,
    nItems: log.nItems,
    userFactors: initialFactors(log.nUsers, k, cfg.seed),
    itemFactors: initialFactors(log.nItems, k, cfg.seed + 1),
  };
  for (let it = 0; it < cfg.iterations; it++) {
    alsExactSweep(byUser, f.userFactors, f.itemFactors, gramFromFactors(f.itemFactors, log.nItems, k, cfg.regularization), k, log.nUsers);
    alsExactSweep(byItem, f.itemFactors, f.userFactors, gramFromFactors(f.userFactors, log.nUsers, k, cfg.regularization), k, log.nItems);
    onIteration?.(f);
  }
  return f;
}
