// A sample's lines renumbered densely: the same lines, users and items in their old relative order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactedLines } from '../../src/models/compactedLines.ts';

test('users and items that appear are renumbered 0..n−1 in their old order; everything else is kept', () => {
  const lines = {
    nUsers: 10,
    nItems: 50,
    user: Int32Array.of(7, 2, 7, 9),
    item: Int32Array.of(40, 3, 3, 49),
    order: Int32Array.of(0, 1, 2, 3),
    quantity: Float64Array.of(1, 2, 3, 4),
    amount: Float64Array.of(5, 6, 7, 8),
    ts: Float64Array.of(10, 20, 30, 40),
  };
  const c = compactedLines(lines);
  assert.equal(c.nUsers, 3);
  assert.equal(c.nItems, 3);
  assert.deepEqual([...c.user], [1, 0, 1, 2]);
  assert.deepEqual([...c.item], [1, 0, 0, 2]);
  assert.deepEqual([...c.order], [0, 1, 2, 3]);
  assert.deepEqual([...c.ts], [10, 20, 30, 40]);
  assert.deepEqual([...c.amount], [5, 6, 7, 8]);
  assert.deepEqual([...lines.user], [7, 2, 7, 9], 'the input is not changed');
});
