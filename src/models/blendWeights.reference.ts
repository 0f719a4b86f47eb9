// The blend's coordinate ascent as first written: every trial value re-ranks every candidate of every user.
// Slow and obviously correct; blendWeights.ts prunes candidates that cannot reach a top k and must agree.
import { ndcgOfScores, scoresOfWeights, startingWeights, type BlendTrainingSet } from './blendWeights.ts';

/** Coordinate ascent from `init` (default: the best single feature). Weights are rescaled to max 1. */
export function blendWeightsFromCandidatesReference(
  set: BlendTrainingSet,
  k: number,
  rounds: number,
  init?: number[],
): { weights: number[]; ndcg: number } {
  const C = set.nFeatures;
  let { w, best } = startingWeights(set, k, init);
  const grid = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 10];
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    for (let c = 0; c < C; c++) {
      const scale = Math.max(...w.filter((_, f) => f !== c), 1e-9);
      const tried = new Set<number>([...grid.map((g) => g * scale), w[c] * 0.8, w[c] * 1.25]);
      // scores with weight c removed; each trial adds v·x_c: O(candidates) per trial
      const base = scoresOfWeights(
        set,
        w.map((x, f) => (f === c ? 0 : x)),
      );
      const trial = new Float64Array(base.length);
      for (const v of tried) {
        if (v === w[c] || v < 0) continue;
        // all weights 0 ranks by candidate order (item index): never a blend
        if (v === 0 && w.every((x, f) => f === c || x === 0)) continue;
        for (let r = 0; r < base.length; r++) trial[r] = base[r] + v * set.x[r * C + c];
        const score = ndcgOfScores(set, trial, k);
        if (score > best + 1e-9) {
          best = score;
          w = w.map((x, f) => (f === c ? v : x));
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  const m = Math.max(...w);
  return { weights: m > 0 ? w.map((x) => x / m) : w, ndcg: best };
}
