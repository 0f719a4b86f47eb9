// Per-user normalisation of one component's scores into blend features x_c(u, j), so components on
// different scales can be added with one weight each:
//   'max':  x_j = s_j / max_l s_l            (0 for every j when max ≤ 0)
//   'rank': x_j = o / (o + r_j)  for the depth best eligible items with s_j > 0 (r_j = 0, 1, … their rank,
//           ties by lower index), 0 for the others: a weighted reciprocal-rank fusion, blind to score scale
import { topKIntoRow } from '../math/topK.ts';

export type BlendNormalisation = 'max' | 'rank';

export interface BlendFeatureOptions {
  mode: BlendNormalisation;
  /** 'rank': items past this rank get 0. */
  depth: number;
  /** 'rank': offset o; larger = flatter decay with rank. */
  rankOffset: number;
}

/**
 * Features of scores[off .. off+n) into out[outOff .. outOff+n). `skip(j)` marks ineligible items
 * (e.g. the user's history for new-items lists): in 'rank' mode they get 0 and take no rank.
 */
export function blendFeatureRow(
  scores: Float32Array,
  off: number,
  n: number,
  opt: BlendFeatureOptions,
  out: Float32Array,
  outOff: number,
  skip?: (j: number) => boolean,
): void {
  if (opt.mode === 'max') {
    let m = 0;
    for (let j = off; j < off + n; j++) if (scores[j] > m) m = scores[j];
    for (let j = 0; j < n; j++) out[outOff + j] = m > 0 ? scores[off + j] / m : 0;
    return;
  }
  out.fill(0, outOff, outOff + n);
  const d = Math.min(n, opt.depth);
  const ti = new Int32Array(d),
    ts = new Float32Array(d);
  topKIntoRow(scores, off, n, d, ti, ts, 0, skip);
  for (let r = 0; r < d; r++) {
    if (ti[r] < 0 || !(ts[r] > 0)) break;
    out[outOff + ti[r]] = opt.rankOffset / (opt.rankOffset + r);
  }
}
