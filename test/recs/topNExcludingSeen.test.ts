import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topKScorerFromFactors } from '../../src/math/onnxTopK.ts';
import { topNExcludingSeen } from '../../src/recs/topNExcludingSeen.ts';

function rand(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
}

const nUsers = 60,
  nItems = 400,
  k = 16,
  n = 10;
const x = rand(nUsers * k, 3),
  y = rand(nItems * k, 4);
// user u has seen items u, u+1, …, u+(u % 7)·5 (user 59 ≈ 30 items); user 5 sees 300 (full-scan path)
const rows: number[][] = Array.from({ length: nUsers }, (_, u) =>
  Array.from({ length: u === 5 ? 300 : (u % 7) * 5 }, (_, j) => (u + j * 3) % nItems),
);
const indptr = new Int32Array(nUsers + 1);
rows.forEach((r, u) => {
  indptr[u + 1] = indptr[u] + r.length;
});
const seen = { indptr, indices: Int32Array.from(rows.flat()) };
const users = Int32Array.from({ length: nUsers }, (_, i) => i);

function reference(u: number): number[] {
  const skip = new Set(rows[u]);
  const s: [number, number][] = [];
  for (let i = 0; i < nItems; i++)
    if (!skip.has(i)) {
      let d = 0;
      for (let a = 0; a < k; a++) d += x[u * k + a] * y[i * k + a];
      s.push([d, i]);
    }
  return s
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, n)
    .map((p) => p[1]);
}

test('onnx top-n with seen items excluded equals a JS full ranking (incl. the heavy-buyer full scan)', async () => {
  const scorer = await topKScorerFromFactors(y, nItems, k, 1);
  try {
    const got = await topNExcludingSeen(scorer, x, users, seen, y, { n, batch: 16, maxFixup: 100 });
    for (let u = 0; u < nUsers; u++) {
      const list = Array.from(got.items.subarray(u * n, u * n + n));
      assert.deepEqual(list, reference(u), `user ${u}`);
      for (let j = 1; j < n; j++) assert.ok(got.scores[u * n + j] <= got.scores[u * n + j - 1]);
    }
  } finally {
    await scorer.release();
  }
});

test('the int8 scorer with exact re-ranking recovers (almost) all of the exact top-n', async () => {
  const scorer = await topKScorerFromFactors(y, nItems, k, 1, 'int8');
  try {
    const got = await topNExcludingSeen(scorer, x, users, seen, y, { n, batch: 16, maxFixup: 100 });
    let hit = 0;
    for (let u = 0; u < nUsers; u++) {
      const want = new Set(reference(u));
      for (let j = 0; j < n; j++) if (want.has(got.items[u * n + j])) hit++;
      for (const it of got.items.subarray(u * n, u * n + n)) assert.ok(!rows[u].includes(it), `user ${u} got seen item ${it}`);
    }
    assert.ok(hit / (nUsers * n) >= 0.99, `overlap ${hit / (nUsers * n)}`);
  } finally {
    await scorer.release();
  }
});
