import { test } from 'node:test';
import assert from 'node:assert/strict';
import { liftAt, rocAuc } from '../../src/evaluate/rocAuc.ts';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);

test('rocAuc with ties uses average ranks', () => {
  // ascending ranks: 0.1 -> 1, the two 0.4 -> (2+3)/2 = 2.5, 0.8 -> 4.
  // positives (index 1 and 3): R = 2.5 + 4 = 6.5; U = 6.5 - 2·3/2 = 3.5; AUC = 3.5 / (2·2) = 0.875
  // (pairwise: pos 0.4 beats 0.1 and ties 0.4 -> 1.5; pos 0.8 beats both -> 2; 3.5 of 4 pairs)
  close(rocAuc([0.1, 0.4, 0.4, 0.8], [0, 1, 0, 1]), 0.875);
});

test('rocAuc extremes', () => {
  close(rocAuc([1, 2, 3, 4], [0, 0, 1, 1]), 1);
  close(rocAuc([4, 3, 2, 1], [0, 0, 1, 1]), 0);
  close(rocAuc([7, 7, 7, 7], [0, 1, 0, 1]), 0.5);
  assert.ok(Number.isNaN(rocAuc([1, 2], [1, 1])));
  assert.ok(Number.isNaN(rocAuc([1, 2], [0, 0])));
  assert.throws(() => rocAuc([1, 2], [0]));
});

test('liftAt: positive rate in the top fraction over the base rate', () => {
  // 10 rows, 3 positives (base 0.3); top 20% = 2 rows (scores 5, 4) hold 1 positive -> 0.5 / 0.3
  const s = [5, 4, 3, 2, 1, 0, 0, 0, 0, 0];
  const y = [1, 0, 1, 0, 0, 0, 0, 0, 0, 1];
  close(liftAt(s, y, 0.2), 0.5 / 0.3);
  close(liftAt(s, y, 1), 1);
});

test('liftAt splits a tied group at the cut fractionally', () => {
  // top 25% of 4 = 1 slot, taken from a tie of 2 rows holding 1 positive -> 0.5 positive; base 1/4 -> lift 2
  close(liftAt([1, 1, 0, 0], [1, 0, 0, 0], 0.25), 2);
  close(liftAt([1, 1, 0, 0], [0, 1, 0, 0], 0.25), 2);
  assert.ok(Number.isNaN(liftAt([1, 2], [0, 0], 0.5)));
});
