import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metricsAtK, meanMetricsAtK } from '../../src/evaluate/rankingMetrics.ts';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);

test('metricsAtK on a hand-worked list', () => {
  // L = [3, 1, 7, 2], T = {1, 2, 9}, K = 4: hits at ranks 2 and 4.
  const m = metricsAtK([3, 1, 7, 2], new Set([1, 2, 9]), 4);
  close(m.precision, 2 / 4);
  close(m.recall, 2 / 3);
  close(m.recallCapped, 2 / Math.min(4, 3));
  // DCG = 1/log2(3) + 1/log2(5) = 0.630930 + 0.430677 = 1.061607; IDCG = 2.130930 over min(4,3)=3: 1 + 0.630930 + 0.5
  close(m.ndcg, (1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3) + 0.5));
  close(m.ndcg, 1.061607 / 2.13093, 1e-6); // = 0.498189
  // MAP: precision at the hits 1/2 and 2/4, summed = 1, over min(4,3) = 3
  close(m.map, 1 / 3);
  assert.equal(m.hit, 1);
});

test('metricsAtK truncates at K and caps recall at min(K,|T|)', () => {
  // Top 2 of [3, 1, 7, 2] against {1, 2, 9}: one hit at rank 2.
  const m = metricsAtK([3, 1, 7, 2], new Set([1, 2, 9]), 2);
  close(m.precision, 0.5);
  close(m.recall, 1 / 3);
  close(m.recallCapped, 1 / 2);
  close(m.ndcg, 1 / Math.log2(3) / (1 + 1 / Math.log2(3))); // 0.386853
  close(m.map, 0.5 / 2);
  assert.equal(metricsAtK([3, 1], new Set([1]), 1).hit, 0);
});

test('metricsAtK: padding and duplicates never hit, empty truth gives zeros, short list divides by K', () => {
  const m = metricsAtK([-1, 5, 5], new Set([5]), 3);
  close(m.precision, 1 / 3); // one hit (the duplicate 5 is ignored), over K = 3
  close(m.ndcg, 1 / Math.log2(3)); // hit at rank 2 over IDCG 1
  const z = metricsAtK([1, 2], new Set(), 2);
  assert.deepEqual(z, { precision: 0, recall: 0, recallCapped: 0, ndcg: 0, map: 0, hit: 0 });
  close(metricsAtK([4], new Set([4]), 10).precision, 0.1);
});

test('meanMetricsAtK macro-averages over users with a non-empty truth', () => {
  // user 0: [0,1] vs {1} -> ndcg 1/log2(3), hit 1; user 1: skipped (empty); user 2: [2,0] vs {2} -> ndcg 1
  const lists = Int32Array.from([0, 1, 1, 0, 2, 0]);
  const m = meanMetricsAtK(lists, 2, [new Set([1]), new Set(), new Set([2])], 2);
  assert.equal(m.users, 2);
  close(m.ndcg, (1 / Math.log2(3) + 1) / 2);
  close(m.hit, 1);
  close(m.precision, 0.5);
  close(m.recall, 1);
});
