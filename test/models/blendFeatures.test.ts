import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blendFeatureRow } from '../../src/models/blendFeatures.ts';

test('max normalisation divides by the row maximum; non-positive rows give 0', () => {
  const s = Float32Array.from([9, 2, 4, 0, -1, -1, -2]);
  const out = new Float32Array(7);
  blendFeatureRow(s, 0, 4, { mode: 'max', depth: 10, rankOffset: 1 }, out, 0);
  assert.deepEqual([...out.subarray(0, 4)], [1, 2 / 9, 4 / 9, 0].map(Math.fround));
  blendFeatureRow(s, 4, 3, { mode: 'max', depth: 10, rankOffset: 1 }, out, 4);
  assert.deepEqual([...out.subarray(4)], [0, 0, 0]);
});

test('rank normalisation: o/(o + rank) over eligible positive items, ties by lower index, depth cut', () => {
  const s = Float32Array.from([1, 5, 3, 3, 0, 7]);
  const out = new Float32Array(6).fill(9);
  // item 5 is skipped (e.g. seen); ranks: 1 → 0, 2 → 1, 3 → 2 (tie with 2 by index), 0 → past depth 3
  blendFeatureRow(s, 0, 6, { mode: 'rank', depth: 3, rankOffset: 2 }, out, 0, (j) => j === 5);
  assert.deepEqual([...out], [0, 1, 2 / 3, 2 / 4, 0, 0].map(Math.fround));
});
