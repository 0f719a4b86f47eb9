import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kthSmallest, kthSmallestInPlace } from '../../src/math/quickselect.ts';

test('quickselect returns each order statistic, with ties, like a full sort', () => {
  const src = Float64Array.from([5, 1, 4, 1, 9, 2, 6, 5, 3, 5]);
  const sorted = [...src].sort((a, b) => a - b);
  for (let k = 0; k < src.length; k++) assert.equal(kthSmallest(src, k), sorted[k]);
  assert.deepEqual([...src], [5, 1, 4, 1, 9, 2, 6, 5, 3, 5], 'the copying variant leaves its input alone');
  const f = Float32Array.from([3, 2, 1, 100]);
  assert.equal(kthSmallestInPlace(f, 3, 2), 3, 'only the first len entries count');
});
