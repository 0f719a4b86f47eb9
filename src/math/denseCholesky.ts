// Dense symmetric positive-definite algebra in Float64: Cholesky factor, solve, inverse.
// Matrices are n×n row-major Float64Array. Used by the exact ALS reference, ALS fold-in
// (k×k, k ≈ 64) and EASE (items×items, ≤ ~20k items: n² doubles must fit in memory).

/** In place: lower triangle of `a` becomes L with A = L·Lᵀ (upper triangle left untouched). Throws if A is not SPD. */
export function choleskyInPlace(a: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = a[rj + j];
    for (let t = 0; t < j; t++) d -= a[rj + t] * a[rj + t];
    if (!(d > 0)) throw new Error(`matrix is not positive definite (pivot ${j} = ${d})`);
    const ljj = Math.sqrt(d);
    a[rj + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = a[ri + j];
      // Row-by-row dot of L[i, :j] · L[j, :j]: contiguous in row-major, the hot loop.
      for (let t = 0; t < j; t++) s -= a[ri + t] * a[rj + t];
      a[ri + j] = s * inv;
    }
  }
}

/** Solves (L·Lᵀ) x = b in place in `b` given the factor from choleskyInPlace. */
export function solveCholeskyInPlace(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    const ri = i * n;
    for (let t = 0; t < i; t++) s -= l[ri + t] * b[t];
    b[i] = s / l[ri + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let t = i + 1; t < n; t++) s -= l[t * n + i] * b[t];
    b[i] = s / l[i * n + i];
  }
}

/** Solves A x = b for SPD A (A is copied, not changed). */
export function solveSpd(a: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const l = Float64Array.from(a);
  choleskyInPlace(l, n);
  const x = Float64Array.from(b);
  solveCholeskyInPlace(l, n, x);
  return x;
}

/**
 * Inverse of an SPD matrix, n×n row-major, via A⁻¹ = L⁻ᵀ·L⁻¹. Cost ≈ n³ flops; memory 2·n² doubles.
 * `a` is overwritten with its factor.
 */
export function inverseSpd(a: Float64Array, n: number): Float64Array {
  choleskyInPlace(a, n);
  // W = L⁻¹ (lower triangular), built column by column with forward substitution; stored transposed
  // (wt[j*n + i] = W[i][j]) so each column is contiguous.
  const wt = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const col = j * n;
    wt[col + j] = 1 / a[j * n + j];
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = 0;
      for (let t = j; t < i; t++) s -= a[ri + t] * wt[col + t];
      wt[col + i] = s / a[ri + i];
    }
  }
  // A⁻¹[i][j] = Σ_t W[t][i]·W[t][j] over t ≥ max(i, j): dot of columns i and j of W.
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ci = i * n;
    for (let j = i; j < n; j++) {
      const cj = j * n;
      let s = 0;
      for (let t = j; t < n; t++) s += wt[ci + t] * wt[cj + t];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}
