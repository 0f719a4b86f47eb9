import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csrTranspose } from '../../src/math/csrTranspose.ts';
import { csrFind } from '../../src/math/csrFind.ts';
import { topKIndices, topKIntoRow } from '../../src/math/topK.ts';

test('csrTranspose turns a 2×3 matrix into its 3×2 transpose with values', () => {
  // [[1 0 2], [0 3 4]]
  const t = csrTranspose({
    nRows: 2,
    nCols: 3,
    indptr: Int32Array.from([0, 2, 4]),
    indices: Int32Array.from([0, 2, 1, 2]),
    values: Float32Array.from([1, 2, 3, 4]),
  });
  assert.deepEqual([...t.indptr], [0, 1, 2, 4]);
  assert.deepEqual([...t.indices], [0, 1, 0, 1]);
  assert.deepEqual([...t.values!], [1, 3, 2, 4]);
});

test('csrFind locates present entries and returns -1 for absent ones', () => {
  const indptr = Int32Array.from([0, 3, 3]),
    indices = Int32Array.from([1, 4, 7]);
  assert.equal(csrFind(indptr, indices, 0, 4), 1);
  assert.equal(csrFind(indptr, indices, 0, 5), -1);
  assert.equal(csrFind(indptr, indices, 1, 1), -1);
});

test('topK keeps the best k, ties by lower index, skips and pads', () => {
  assert.deepEqual(topKIndices([1, 5, 3, 5, -Infinity, 2], 3), [1, 3, 2]);
  assert.deepEqual(
    topKIndices([1, 5, 3], 3, (j) => j === 1),
    [2, 0],
  );
  const items = new Int32Array(4),
    scores = new Float32Array(4);
  topKIntoRow([0, 1], 0, 2, 4, items, scores, 0);
  assert.deepEqual([...items], [1, 0, -1, -1]);
  // against a full sort on a pseudo-random row
  const row = Array.from({ length: 200 }, (_, j) => ((j * 7919) % 101) / 7);
  const want = row
    .map((s, j) => ({ s, j }))
    .sort((a, b) => b.s - a.s || a.j - b.j)
    .slice(0, 15)
    .map((x) => x.j);
  assert.deepEqual(topKIndices(row, 15), want);
});
