import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interactionLogFromLines } from '../../src/models/interactionLogFromLines.ts';

test('aggregates lines per (user, item) into CSR and respects the as-of cut', () => {
  // user 0 buys item 1 in orders 0 and 1 (two lines in order 0), item 0 once; user 1 buys item 1 after as-of.
  const log = interactionLogFromLines(
    {
      nUsers: 2,
      nItems: 2,
      user: Int32Array.from([0, 0, 0, 0, 1]),
      item: Int32Array.from([1, 1, 0, 1, 1]),
      order: Int32Array.from([0, 0, 0, 1, 2]),
      quantity: Float64Array.from([1, 2, 5, 1, 1]),
      amount: Float64Array.from([1, 2, 5, 1, 1]),
      ts: Float64Array.from([10, 10, 10, 20, 30]),
    },
    25,
  );
  assert.deepEqual([...log.indptr], [0, 2, 2]);
  assert.deepEqual([...log.indices], [0, 1]);
  assert.deepEqual([...log.orders], [1, 2]);
  assert.deepEqual([...log.quantity], [5, 4]);
  assert.deepEqual([...log.firstTs], [10, 10]);
  assert.deepEqual([...log.lastTs], [10, 20]);
  assert.equal(log.lineTs.length, 4);
});
