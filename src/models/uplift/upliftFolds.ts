// Internal cross-validation folds over training rows, stratified by (treated, outcome) so each fold
// keeps the arms' shares and its share of the rare responders (conversion is < 1 % on Hillstrom).
// Deterministic for a seed. Pure.
import { Rng } from '../../generate/prng.ts';

const FOLD_STREAM = 0x0f01d;

/** fold[i] ∈ [0, k) for training row rows[i]. */
export function upliftFolds(rows: Int32Array, y: Uint8Array, treated: Uint8Array, k: number, seed: number): Uint8Array {
  if (!(Number.isInteger(k) && k >= 2 && k <= 255)) throw new Error(`uplift: folds must be an integer in 2..255, got ${k}`);
  const fold = new Uint8Array(rows.length);
  const strata: number[][] = [[], [], [], []];
  for (let i = 0; i < rows.length; i++) strata[(treated[rows[i]] > 0 ? 2 : 0) + (y[rows[i]] > 0 ? 1 : 0)].push(i);
  const rng = Rng.from(seed, FOLD_STREAM);
  let next = 0; // continue the round robin across strata so fold sizes differ by at most one
  for (const s of strata) {
    for (let i = s.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      const tmp = s[i];
      s[i] = s[j];
      s[j] = tmp;
    }
    for (const i of s) fold[i] = next++ % k;
  }
  return fold;
}
