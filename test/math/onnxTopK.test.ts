import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topKScorerFromFactors } from '../../src/math/onnxTopK.ts';

function rand(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
}

test('onnxruntime MatMul + TopK equals a plain JS dot-product ranking on random factors', async () => {
  const nUsers = 37,
    nItems = 501,
    k = 8,
    K = 7;
  const u = rand(nUsers * k, 1),
    v = rand(nItems * k, 2);
  const scorer = await topKScorerFromFactors(v, nItems, k, 1);
  try {
    const got = await scorer.topK(u, nUsers, K);
    assert.equal(got.items.length, nUsers * K);
    for (let r = 0; r < nUsers; r++) {
      const s = Array.from({ length: nItems }, (_, i) => {
        let d = 0;
        for (let a = 0; a < k; a++) d += u[r * k + a] * v[i * k + a];
        return d;
      });
      const want = s
        .map((x, i) => [x, i])
        .sort((a, b) => b[0] - a[0])
        .slice(0, K);
      for (let j = 0; j < K; j++) {
        assert.ok(Math.abs(got.scores[r * K + j] - want[j][0]) < 1e-5, `row ${r} rank ${j}`);
        // an index mismatch is only acceptable between (float-)equal scores
        if (got.items[r * K + j] !== want[j][1]) assert.ok(Math.abs(s[got.items[r * K + j]] - want[j][0]) < 1e-5);
      }
    }
    // K larger than the catalogue is clamped
    const all = await scorer.topK(u, 2, nItems + 10);
    assert.equal(all.items.length, 2 * nItems);
  } finally {
    await scorer.release();
  }
});
