// Ranking quality of a score for a binary label: ROC AUC (Mann–Whitney U with average ranks
// for ties) and lift in the top fraction. Pure.

/** Indices sorted by score ascending (stable on index). */
function orderByScore(scores: ArrayLike<number>): Int32Array {
  const idx = new Int32Array(scores.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => scores[a] - scores[b] || a - b);
}

/**
 * AUC = (R₊ − n₊(n₊+1)/2) / (n₊·n₋), where R₊ is the sum of the 1-based ranks (ascending score)
 * of the positives, tied scores sharing the mean of their ranks. Labels: > 0 positive, else negative.
 * NaN when either class is empty. NaN scores are not allowed (the caller fills them).
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  if (labels.length !== n) throw new Error(`rocAuc: ${n} scores but ${labels.length} labels`);
  const idx = orderByScore(scores);
  let nPos = 0,
    rankSumPos = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const avgRank = (i + 1 + j + 1) / 2; // ranks i+1 .. j+1 share their mean
    for (let t = i; t <= j; t++)
      if (labels[idx[t]] > 0) {
        nPos++;
        rankSumPos += avgRank;
      }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * Lift at `fraction` (0..1]: positive rate among the top ceil(fraction·n) scores divided by the
 * overall positive rate. Ties at the cut boundary count fractionally (each tied item contributes
 * its share of the remaining slots), so the result does not depend on input order.
 * NaN when there are no positives or no rows.
 */
export function liftAt(scores: ArrayLike<number>, labels: ArrayLike<number>, fraction: number): number {
  const n = scores.length;
  if (labels.length !== n) throw new Error(`liftAt: ${n} scores but ${labels.length} labels`);
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`liftAt: fraction must be in (0, 1], got ${fraction}`);
  let nPos = 0;
  for (let i = 0; i < n; i++) if (labels[i] > 0) nPos++;
  if (n === 0 || nPos === 0) return NaN;
  const top = Math.ceil(fraction * n);
  const idx = orderByScore(scores).reverse(); // descending
  let taken = 0,
    posTop = 0,
    i = 0;
  while (taken < top && i < n) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const size = j - i + 1;
    let pos = 0;
    for (let t = i; t <= j; t++) if (labels[idx[t]] > 0) pos++;
    const take = Math.min(size, top - taken);
    posTop += (pos * take) / size;
    taken += take;
    i = j + 1;
  }
  return posTop / top / (nPos / n);
}
