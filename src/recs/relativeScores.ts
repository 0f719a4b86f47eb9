// Output scores of a recommendation list: in [0, 1], relative to rank 1.
// Model scores can be negative (factor dot products), so they first go through softplus,
// t(s) = log(1 + e^s) — strictly increasing (ranks are kept) and > 0 — then
//   score_r = t(s_r) / t(s_1),   so rank 1 = 1.0 and later ranks are in (0, 1].
// For large positive scores t(s) ≈ s, so the ratio reads as "this item scores x% of the best".

/** raw: rows × n scores, sorted descending per row (−Infinity = empty slot → 0). In place. */
export function relativeScoresInPlace(raw: Float32Array, rows: number, n: number): Float32Array {
  const t = (s: number) => (s > 30 ? s : Math.log1p(Math.exp(s)));
  for (let r = 0; r < rows; r++) {
    const top = raw[r * n];
    const t1 = top > -Infinity ? t(top) : 1;
    for (let j = 0; j < n; j++) {
      const s = raw[r * n + j];
      raw[r * n + j] = s > -Infinity ? Math.min(1, t(s) / t1) : 0;
    }
    if (top > -Infinity) raw[r * n] = 1;
  }
  return raw;
}
