// Gram matrix of a factor table: G = Yᵀ·Y + λ·I, the shared part of every ALS normal equation.

/** y: n×k row-major factors. Returns k×k row-major Float64 G = Σ_i y_i·y_iᵀ + reg·I. */
export function gramFromFactors(y: Float32Array, n: number, k: number, reg: number): Float64Array {
  const g = new Float64Array(k * k);
  // Accumulate the upper triangle row by row (one pass over Y, k²/2 multiply-adds per row).
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let a = 0; a < k; a++) {
      const ya = y[o + a];
      if (ya === 0) continue;
      const ra = a * k;
      for (let b = a; b < k; b++) g[ra + b] += ya * y[o + b];
    }
  }
  for (let a = 0; a < k; a++) {
    g[a * k + a] += reg;
    for (let b = a + 1; b < k; b++) g[b * k + a] = g[a * k + b];
  }
  return g;
}
