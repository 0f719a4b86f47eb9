import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedSpendInScope } from '../../src/rank/expectedSpendInScope.ts';

test('median shrinkage: one wholesale buyer does not inflate what a non-buyer is expected to spend', () => {
  // one offer, 5 rows: buyers spending 10, 12, 14 per day and one spending 100,000 in one day; row 4 never bought
  const days = Float64Array.from([1, 2, 1, 1, 0]),
    spend = Float64Array.from([10, 24, 14, 100_000, 0]);
  const s = expectedSpendInScope(days, spend, 5, 1);
  assert.equal(s[4], 12); // median of 10, 12, 14, 100000 (lower middle) — a mean would say 25,009
  assert.equal(s[0], (10 + 12) / 2);
  assert.equal(s[1], (24 + 12) / 3);
  // with few buyers the 99th percentile is the maximum: the big buyer keeps their own history
  assert.equal(s[3], (100_000 + 12) / 2);
});

test('a scope nobody bought expects nothing', () => {
  assert.deepEqual([...expectedSpendInScope(new Float64Array(2), new Float64Array(2), 2, 1)], [0, 0]);
});
