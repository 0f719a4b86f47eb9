// Multiple-comparison adjustment of a family of p-values (one per campaign or per metric):
// Holm (1979) step-down, controls the family-wise error rate; Benjamini–Hochberg (1995) step-up,
// controls the false discovery rate. Adjusted values are returned in the input order, capped at 1,
// and made monotone in the p-value order as in R's p.adjust. NaN inputs stay NaN and do not count.

export type PAdjustMethod = 'holm' | 'bh';

/** Adjusted p-values in the order given. */
export function adjustedPValues(p: readonly number[], method: PAdjustMethod): number[] {
  const out = p.map(() => NaN);
  const idx = p.map((_, i) => i).filter((i) => !Number.isNaN(p[i]));
  for (const i of idx) if (p[i] < 0 || p[i] > 1) throw new RangeError(`adjustedPValues: p[${i}] = ${p[i]} is not in [0, 1]`);
  const m = idx.length;
  idx.sort((a, b) => p[a] - p[b] || a - b);
  if (method === 'holm') {
    // p_(k) · (m − k + 1), running maximum from the smallest p up.
    let run = 0;
    idx.forEach((i, k) => {
      run = Math.max(run, Math.min(1, (m - k) * p[i]));
      out[i] = run;
    });
  } else if (method === 'bh') {
    // p_(k) · m / k, running minimum from the largest p down.
    let run = 1;
    for (let k = m - 1; k >= 0; k--) {
      const i = idx[k];
      run = Math.min(run, (m * p[i]) / (k + 1));
      out[i] = run;
    }
  } else throw new RangeError(`adjustedPValues: unknown method ${String(method)} (holm or bh)`);
  return out;
}
