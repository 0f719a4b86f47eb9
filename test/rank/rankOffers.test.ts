import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankedOffersFromScores } from '../../src/rank/rankOffers.ts';

test('ranks by score, then tie-break descending, then offer index', () => {
  // row 0: offers 1 and 2 tie at 5; tieBreak prefers 2 (9 > 1). row 1: all tie; tieBreak 1, 1, 9 -> 2, then 0 before 1
  const scores = Float64Array.from([0, 5, 5, 3, 3, 3]);
  const out = rankedOffersFromScores(scores, 3, Float64Array.from([1, 1, 9]));
  assert.deepEqual([...out], [2, 1, 0, 2, 0, 1]);
});

test('NaN scores rank last; rows and k select the output', () => {
  const scores = Float64Array.from([NaN, 1, 0, 2, 0, 1]);
  assert.deepEqual([...rankedOffersFromScores(scores, 3, new Float64Array(3))], [1, 2, 0, 0, 2, 1]);
  assert.deepEqual([...rankedOffersFromScores(scores, 3, new Float64Array(3), { rows: [1], k: 2 })], [0, 2]);
});
