// L2-regularised logistic regression fitted by Newton's method (IRLS) on standardised features:
// z = (x − μ)/σ, p = σ(b + w·z), minimise Σ logloss + (λ/2)‖w‖² (bias unpenalised).
// Each step solves (ZᵀDZ + λI) Δ = −∇ with D = diag(p(1−p)) by Cholesky; cost n·(F+1)² per step.
// Pure. X is column-major: X[f·nRows + r].

export interface LogisticConfig {
  /** L2 penalty λ on the standardised weights (in units of rows' logloss). */
  l2: number;
  /** Maximum Newton steps. */
  maxIterations: number;
  /** Stop when the largest |Δw| falls below this. */
  tolerance: number;
}

export const defaultLogisticConfig: LogisticConfig = { l2: 1, maxIterations: 30, tolerance: 1e-6 };

export interface LogisticModel {
  kind: 'logistic';
  nFeatures: number;
  mean: Float64Array;
  /** 1/σ per feature; 0 for a constant feature (it then carries no weight). */
  invStd: Float64Array;
  weights: Float64Array;
  bias: number;
}

/** `weights[i]` (optional) weighs training row rows[i] in the logloss (multiplies its gradient and
 *  Hessian terms); standardisation stays unweighted. */
export function logisticFromData(
  X: Float32Array,
  nRows: number,
  nF: number,
  y: Uint8Array,
  rows: Int32Array,
  cfg: LogisticConfig = defaultLogisticConfig,
  weights?: Float64Array,
): LogisticModel {
  if (weights && weights.length !== rows.length) throw new Error(`logistic: ${weights.length} weights for ${rows.length} rows`);
  const n = rows.length,
    D = nF + 1; // column D−1 is the bias
  const mean = new Float64Array(nF),
    invStd = new Float64Array(nF);
  const Z = new Float64Array(n * D); // row-major standardised design with a trailing 1
  for (let f = 0; f < nF; f++) {
    let s = 0,
      ss = 0;
    for (let i = 0; i < n; i++) {
      const v = X[f * nRows + rows[i]];
      s += v;
      ss += v * v;
    }
    const mu = s / Math.max(1, n),
      varr = ss / Math.max(1, n) - mu * mu;
    mean[f] = mu;
    invStd[f] = varr > 1e-12 ? 1 / Math.sqrt(varr) : 0;
    for (let i = 0; i < n; i++) Z[i * D + f] = (X[f * nRows + rows[i]] - mu) * invStd[f];
  }
  for (let i = 0; i < n; i++) Z[i * D + nF] = 1;
  const w = new Float64Array(D);
  const grad = new Float64Array(D),
    hess = new Float64Array(D * D);
  for (let it = 0; it < cfg.maxIterations; it++) {
    grad.fill(0);
    hess.fill(0);
    for (let i = 0; i < n; i++) {
      const zb = i * D;
      let eta = 0;
      for (let k = 0; k < D; k++) eta += w[k] * Z[zb + k];
      const p = 1 / (1 + Math.exp(-eta)),
        wi = weights ? weights[i] : 1,
        r = (p - y[rows[i]]) * wi,
        d = Math.max(1e-10, p * (1 - p)) * wi;
      for (let a = 0; a < D; a++) {
        const za = Z[zb + a];
        if (za === 0) continue;
        grad[a] += r * za;
        const dz = d * za,
          hb = a * D;
        for (let b = 0; b <= a; b++) hess[hb + b] += dz * Z[zb + b];
      }
    }
    for (let a = 0; a < nF; a++) {
      grad[a] += cfg.l2 * w[a];
      hess[a * D + a] += cfg.l2;
    }
    hess[nF * D + nF] += 1e-9;
    for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) hess[b * D + a] = hess[a * D + b];
    const step = choleskySolve(hess, grad, D);
    let maxStep = 0;
    for (let k = 0; k < D; k++) {
      w[k] -= step[k];
      maxStep = Math.max(maxStep, Math.abs(step[k]));
    }
    if (maxStep < cfg.tolerance) break;
  }
  return { kind: 'logistic', nFeatures: nF, mean, invStd, weights: w.slice(0, nF), bias: w[nF] };
}

/** Solves A x = b for symmetric positive definite A (D×D, row-major). */
function choleskySolve(A: Float64Array, b: Float64Array, D: number): Float64Array {
  const L = new Float64Array(D * D);
  for (let i = 0; i < D; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * D + j];
      for (let k = 0; k < j; k++) s -= L[i * D + k] * L[j * D + k];
      L[i * D + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / L[j * D + j];
    }
  }
  const z = new Float64Array(D),
    x = new Float64Array(D);
  for (let i = 0; i < D; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * D + k] * z[k];
    z[i] = s / L[i * D + i];
  }
  for (let i = D - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < D; k++) s -= L[k * D + i] * x[k];
    x[i] = s / L[i * D + i];
  }
  return x;
}

/** Logit per row of `rows` (all rows when omitted). */
export function logisticScores(model: LogisticModel, X: Float32Array, nRows: number, rows?: Int32Array): Float64Array {
  const m = rows ? rows.length : nRows;
  const out = new Float64Array(m).fill(model.bias);
  for (let f = 0; f < model.nFeatures; f++) {
    const wf = model.weights[f] * model.invStd[f];
    if (wf === 0) continue;
    const mu = model.mean[f],
      base = f * nRows;
    for (let k = 0; k < m; k++) out[k] += wf * (X[base + (rows ? rows[k] : k)] - mu);
  }
  return out;
}
