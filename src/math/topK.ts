// Top-k selection over one row of scores. Ties break towards the lower item index so every
// model's output is deterministic and independent of scan order.

/**
 * Writes the k best (score desc, index asc) positions of `scores[off .. off+n)` whose `skip[j]`
 * is not set into `outItems/outScores[outOff .. outOff+k)`; unused slots get item -1, score -Infinity.
 * Scores that are NaN or -Infinity never qualify. O(n log k) with a small binary min-heap.
 */
export function topKIntoRow(
  scores: ArrayLike<number>,
  off: number,
  n: number,
  k: number,
  outItems: Int32Array,
  outScores: Float32Array,
  outOff: number,
  skip?: (j: number) => boolean,
): void {
  // heap of (score, item) where the root is the worst kept candidate
  const hs = new Float64Array(k);
  const hi = new Int32Array(k);
  let size = 0;
  const worse = (sa: number, ia: number, sb: number, ib: number) => sa < sb || (sa === sb && ia > ib);
  for (let j = 0; j < n; j++) {
    const s = scores[off + j];
    if (!(s > -Infinity)) continue;
    if (skip && skip(j)) continue;
    if (size < k) {
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(s, j, hs[p], hi[p])) break;
        hs[c] = hs[p];
        hi[c] = hi[p];
        c = p;
      }
      hs[c] = s;
      hi[c] = j;
    } else if (k > 0 && worse(hs[0], hi[0], s, j)) {
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        if (l >= size) break;
        const r = l + 1;
        const m = r < size && worse(hs[r], hi[r], hs[l], hi[l]) ? r : l;
        if (!worse(hs[m], hi[m], s, j)) break;
        hs[c] = hs[m];
        hi[c] = hi[m];
        c = m;
      }
      hs[c] = s;
      hi[c] = j;
    }
  }
  // sort kept entries best-first
  const order = Array.from({ length: size }, (_, t) => t).sort((a, b) => hs[b] - hs[a] || hi[a] - hi[b]);
  for (let t = 0; t < k; t++) {
    if (t < size) {
      outItems[outOff + t] = hi[order[t]];
      outScores[outOff + t] = hs[order[t]];
    } else {
      outItems[outOff + t] = -1;
      outScores[outOff + t] = -Infinity;
    }
  }
}

/** Indices of the k largest values (desc, ties by lower index) of a plain array; a convenience wrapper. */
export function topKIndices(scores: ArrayLike<number>, k: number, skip?: (j: number) => boolean): number[] {
  const items = new Int32Array(k);
  const sc = new Float32Array(k);
  topKIntoRow(scores, 0, scores.length, k, items, sc, 0, skip);
  return [...items].filter((i) => i >= 0);
}

/**
 * topKIntoRow restricted to positive scores, for Float32 rows: the k best (score desc, index asc) items with
 * score > 0 into outItems/outScores[outOff ..), returning how many (the rest of the k slots are -1 / -Infinity).
 * One comparison per item against the worst kept score (a later item that ties it is worse), so rows of
 * 10k+ items cost ≈ 1 ns per item: the blend's candidate search runs it for every component and user.
 */
export function topPositiveIntoRow(
  scores: Float32Array,
  off: number,
  n: number,
  k: number,
  outItems: Int32Array,
  outScores: Float32Array,
  outOff: number,
): number {
  const hs = new Float32Array(k),
    hi = new Int32Array(k);
  let size = 0,
    thr = 0;
  for (let j = 0; j < n; j++) {
    const s = scores[off + j];
    if (!(s > thr)) continue;
    if (size < k) {
      // sift up: the root is the worst kept (lowest score, then highest index)
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!(s <= hs[p])) break; // a tie with an earlier item is worse: it goes up
        hs[c] = hs[p];
        hi[c] = hi[p];
        c = p;
      }
      hs[c] = s;
      hi[c] = j;
      if (size === k) thr = hs[0];
    } else {
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        if (l >= size) break;
        const r = l + 1;
        const m = r < size && (hs[r] < hs[l] || (hs[r] === hs[l] && hi[r] > hi[l])) ? r : l;
        if (!(hs[m] < s || (hs[m] === s && hi[m] > j))) break;
        hs[c] = hs[m];
        hi[c] = hi[m];
        c = m;
      }
      hs[c] = s;
      hi[c] = j;
      thr = hs[0];
    }
  }
  const order = Array.from({ length: size }, (_, t) => t).sort((a, b) => hs[b] - hs[a] || hi[a] - hi[b]);
  for (let t = 0; t < k; t++) {
    if (t < size) {
      outItems[outOff + t] = hi[order[t]];
      outScores[outOff + t] = hs[order[t]];
    } else {
      outItems[outOff + t] = -1;
      outScores[outOff + t] = -Infinity;
    }
  }
  return size;
}
