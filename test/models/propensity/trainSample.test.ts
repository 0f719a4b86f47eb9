import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainSampleFromCustomers } from '../../../src/models/propensity/trainSample.ts';

test('training sample: all candidates under the cap, else a fixed ascending subset of exactly the cap', () => {
  const few = Int32Array.from([9, 3, 5]);
  assert.deepEqual([...trainSampleFromCustomers(few, 3)], [3, 5, 9]);
  const many = Int32Array.from({ length: 5000 }, (_, i) => i * 2);
  const a = trainSampleFromCustomers(many, 700),
    b = trainSampleFromCustomers(many.slice().reverse(), 700);
  assert.equal(a.length, 700);
  assert.deepEqual(a, b); // independent of the candidates' order: hash-based, not positional
  const set = new Set(many);
  for (let i = 0; i < a.length; i++) {
    assert.ok(set.has(a[i]));
    if (i > 0) assert.ok(a[i] > a[i - 1]);
  }
  // Spread over the range, not the first 700 ids.
  assert.ok(a[a.length - 1] > 9000 && a[0] < 1000, `${a[0]}..${a[a.length - 1]}`);
  // A larger cap keeps the smaller sample (nested samples): adding customers never reshuffles it.
  const big = new Set(trainSampleFromCustomers(many, 1400));
  assert.ok([...a].every((c) => big.has(c)));
});
