// The pruned coordinate ascent (blendWeights.ts) finds exactly the weights and NDCG of the plain one
// (blendWeights.reference.ts) on random candidate sets: rank-like features with many ties and zeros,
// signed max-normalised features, and starts from given weights.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blendWeightsFromCandidates, type BlendTrainingSet } from '../../src/models/blendWeights.ts';
import { blendWeightsFromCandidatesReference } from '../../src/models/blendWeights.reference.ts';

function randomSet(seed: number, users: number, C: number, signed: boolean): BlendTrainingSet {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const ptr = [0],
    x: number[] = [],
    label: number[] = [],
    nTruth: number[] = [];
  for (let u = 0; u < users; u++) {
    const n = 1 + Math.floor(rnd() * 60);
    let pos = 0;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < C; c++) {
        const z = rnd();
        // rank-like: 0 or 10/(10 + rank) with few distinct values (ties); signed: s / max in [-0.5, 1]
        x.push(signed ? Math.round((z * 1.5 - 0.5) * 8) / 8 : z < 0.5 ? 0 : 10 / (10 + Math.floor(rnd() * 12)));
      }
      const l = rnd() < 0.08 ? 1 : 0;
      label.push(l);
      pos += l;
    }
    ptr.push(label.length);
    nTruth.push(pos + (rnd() < 0.5 ? 1 : 0) || 1);
  }
  return {
    nFeatures: C,
    users,
    ptr: Int32Array.from(ptr),
    x: Float32Array.from(x),
    label: Uint8Array.from(label),
    nTruth: Int32Array.from(nTruth),
  };
}

test('pruned coordinate ascent equals the reference', () => {
  for (let seed = 1; seed <= 12; seed++) {
    const C = 2 + (seed % 5),
      set = randomSet(seed, 150, C, seed % 3 === 0),
      k = [3, 10][seed % 2];
    const init = seed % 4 === 0 ? Array.from({ length: C }, (_, c) => (c + 1) / C) : undefined;
    const want = blendWeightsFromCandidatesReference(set, k, 3, init);
    const got = blendWeightsFromCandidates(set, k, 3, init);
    assert.deepEqual(got, want, `seed ${seed}`);
  }
});
