// One half-sweep of implicit ALS by conjugate gradient, as benfred/implicit's least_squares_cg:
// for each row u, approximately solve (G + Σ_i w_ui·y_i·y_iᵀ)·x_u = Σ_i (1 + w_ui)·y_i
// with G = YᵀY + λI, warm-started from the current x_u, without ever forming the k×k row matrix.
// Cost per row ≈ (cgSteps + 1)·(k² + 2k·nnz_u) multiply-adds.

/** Sparse rows (CSR) with confidence weights w = c − 1 per entry. */
export interface WeightedRows {
  indptr: Int32Array;
  indices: Int32Array;
  weights: Float32Array;
}

/**
 * Updates x rows [from, to) in place. x: rows×k, y: cols×k row-major factors; gram: k×k (G above).
 * Scratch vectors are Float64 so the CG recurrences do not lose precision on float32 inputs.
 */
export function alsCgSweep(
  rows: WeightedRows,
  x: Float32Array,
  y: Float32Array,
  gram: Float64Array,
  k: number,
  cgSteps: number,
  from: number,
  to: number,
): void {
  if (k % 4 !== 0) throw new Error(`ALS factors must be a multiple of 4 (got ${k})`);
  const { indptr, indices, weights } = rows;
  const xs = new Float64Array(k),
    r = new Float64Array(k),
    p = new Float64Array(k),
    ap = new Float64Array(k);
  for (let u = from; u < to; u++) {
    const xo = u * k;
    const start = indptr[u],
      end = indptr[u + 1];
    for (let a = 0; a < k; a++) xs[a] = x[xo + a];
    // r = b − A·x = −G·x + Σ_i ((1 + w) − w·(y_i·x))·y_i
    for (let a = 0; a < k; a++) {
      r[a] = -dot4(gram, a * k, xs, k);
    }
    for (let e = start; e < end; e++) {
      const yo = indices[e] * k,
        w = weights[e];
      const d = dot4(y, yo, xs, k);
      axpy4(1 + w - w * d, y, yo, r, k);
    }
    let rsold = 0;
    for (let a = 0; a < k; a++) {
      p[a] = r[a];
      rsold += r[a] * r[a];
    }
    if (rsold < 1e-20) continue;
    for (let it = 0; it < cgSteps; it++) {
      // ap = A·p = G·p + Σ_i w·(y_i·p)·y_i
      for (let a = 0; a < k; a++) {
        ap[a] = dot4(gram, a * k, p, k);
      }
      for (let e = start; e < end; e++) {
        const w = weights[e];
        if (w === 0) continue;
        const yo = indices[e] * k;
        axpy4(w * dot4(y, yo, p, k), y, yo, ap, k);
      }
      let pap = 0;
      for (let a = 0; a < k; a++) pap += p[a] * ap[a];
      if (!(pap > 0)) break;
      const alpha = rsold / pap;
      let rsnew = 0;
      for (let a = 0; a < k; a++) {
        xs[a] += alpha * p[a];
        r[a] -= alpha * ap[a];
        rsnew += r[a] * r[a];
      }
      if (rsnew < 1e-20) break;
      const beta = rsnew / rsold;
      for (let a = 0; a < k; a++) p[a] = r[a] + beta * p[a];
      rsold = rsnew;
    }
    for (let a = 0; a < k; a++) x[xo + a] = xs[a];
  }
}

/** Σ_a m[o + a]·v[a] for a < k, k a multiple of 4; four accumulators break the add dependency chain. */
function dot4(m: Float32Array | Float64Array, o: number, v: Float64Array, k: number): number {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  for (let a = 0; a < k; a += 4) {
    s0 += m[o + a] * v[a];
    s1 += m[o + a + 1] * v[a + 1];
    s2 += m[o + a + 2] * v[a + 2];
    s3 += m[o + a + 3] * v[a + 3];
  }
  return s0 + s1 + s2 + s3;
}

/** out[a] += c·m[o + a] for a < k, k a multiple of 4. */
function axpy4(c: number, m: Float32Array, o: number, out: Float64Array, k: number): void {
  for (let a = 0; a < k; a += 4) {
    out[a] += c * m[o + a];
    out[a + 1] += c * m[o + a + 1];
    out[a + 2] += c * m[o + a + 2];
    out[a + 3] += c * m[o + a + 3];
  }
}
