// Orders offers per customer from a score matrix, with a deterministic tie-break shared by the
// backtest and the TOR compute: higher score first, then higher tieBreak (e.g. offer popularity),
// then lower offer index.

/**
 * scores: nCustomers × nOffers row-major (NaN is treated as -Infinity). tieBreak: length nOffers.
 * Returns nRows × k offer indices row-major, best first (k defaults to nOffers).
 * `rows` selects which customer rows to rank (default: all, in order).
 */
export function rankedOffersFromScores(
  scores: ArrayLike<number>,
  nOffers: number,
  tieBreak: ArrayLike<number>,
  opts: { k?: number; rows?: ArrayLike<number> } = {},
): Int32Array {
  if (tieBreak.length !== nOffers) throw new Error(`rankedOffersFromScores: tieBreak has ${tieBreak.length} entries, expected ${nOffers}`);
  const nCustomers = nOffers === 0 ? 0 : Math.floor(scores.length / nOffers);
  const k = Math.min(opts.k ?? nOffers, nOffers);
  const rows = opts.rows ?? ({ length: nCustomers } as ArrayLike<number>);
  const nRows = rows.length;
  const out = new Int32Array(nRows * k);
  // Offers pre-sorted by the tie-break alone; a stable sort on score then keeps tie order.
  const base = Array.from({ length: nOffers }, (_, o) => o).sort((a, b) => tieBreak[b] - tieBreak[a] || a - b);
  const order = base.slice();
  const row = new Float64Array(nOffers);
  for (let r = 0; r < nRows; r++) {
    const c = opts.rows ? rows[r] : r;
    for (let o = 0; o < nOffers; o++) {
      const s = scores[c * nOffers + o];
      row[o] = Number.isNaN(s) ? -Infinity : s;
    }
    for (let o = 0; o < nOffers; o++) order[o] = base[o];
    order.sort((a, b) => (row[b] > row[a] ? 1 : row[b] < row[a] ? -1 : 0)); // stable (ES2019)
    for (let j = 0; j < k; j++) out[r * k + j] = order[j];
  }
  return out;
}
