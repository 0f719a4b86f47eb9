import { test } from 'node:test';
import assert from 'node:assert/strict';
import { b2Evaluate } from '../../src/backtest/b2Evaluate.ts';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);

test('b2Evaluate on a 3-customer, 3-offer setup worked by hand', () => {
  const setup = {
    offers: ['a', 'b', 'c'],
    popularity: Float64Array.from([5, 3, 1]), // tie-break: a, then b, then c
    // bought in the test window: c0 {b}; c1 {a, c}; c2 nothing
    testLabels: Uint8Array.from([0, 1, 0, 1, 0, 1, 0, 0, 0]),
    rankingCustomers: Int32Array.from([0, 1]),
    aucCustomers: Int32Array.from([0, 1, 2]),
  };
  const scores = Float64Array.from([
    2,
    1,
    0, // c0 ranks a, b, c
    0,
    0,
    1, // c1 ranks c, then a before b by popularity
    0,
    0,
    0, // c2
  ]);
  const r = b2Evaluate(setup, scores);
  assert.equal(r.customers, 2);
  // c0: T = {b}, hit at rank 2 -> NDCG = (1/log2 3) / 1; Hit@1 0; Recall@4 = 1/min(4,1) = 1
  // c1: T = {a, c}, hits at ranks 1, 2 -> NDCG 1; Hit@1 1; Recall@4 = 2/2
  close(r.ndcg4, (1 / Math.log2(3) + 1) / 2);
  close(r.hit1, 0.5);
  close(r.recall4, 1);
  // AUC over c0..c2. a: scores (2, 0, 0), positive c1 at tied rank 1.5 -> U = 0.5, /(1·2) = 0.25
  // b: scores (1, 0, 0), positive c0 at rank 3 -> 1; c: scores (0, 1, 0), positive c1 at rank 3 -> 1
  assert.deepEqual(
    r.perOfferAuc.map((p) => p.auc),
    [0.25, 1, 1],
  );
  close(r.meanAuc, 0.75);
  // lift at 10%: top ceil(0.3) = 1 customer; for b it is the one positive -> 1 / (1/3) = 3
  close(r.perOfferAuc[1].liftAt10, 3);
  assert.equal(r.aucCustomers, 3);
});

test('b2Evaluate rejects a score matrix of the wrong size', () => {
  const setup = {
    offers: ['a'],
    popularity: Float64Array.from([1]),
    testLabels: new Uint8Array(2),
    rankingCustomers: new Int32Array(0),
    aucCustomers: new Int32Array(0),
  };
  assert.throws(() => b2Evaluate(setup, new Float64Array(3)), /expected 2/);
});
