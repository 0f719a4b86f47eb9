import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reasonFromFeatures, reasonsFromAllocation, type ReasonFeatures } from '../../src/rank/reasons.ts';

const base: ReasonFeatures = {
  scope: 'candles',
  ordersInScope: 0,
  daysSinceInScope: NaN,
  neighbourShare: NaN,
  popularityRank: NaN,
  expectedSpend: NaN,
};

test('past buyers get their history', () => {
  assert.equal(
    reasonFromFeatures({ ...base, ordersInScope: 3, daysSinceInScope: 21.4 }, 'purchase'),
    'bought 3× in candles, last 21 days ago',
  );
  assert.equal(
    reasonFromFeatures({ ...base, ordersInScope: 1, daysSinceInScope: 1 }, 'purchase'),
    'bought 1× in candles, most recently yesterday',
  );
  assert.equal(
    reasonFromFeatures({ ...base, ordersInScope: 2, daysSinceInScope: 0.2 }, 'acquisition'),
    'bought 2× in candles, most recently today',
  );
});

test('non-buyers: acquisition, then similar customers, then popularity, then the model', () => {
  assert.equal(reasonFromFeatures({ ...base, neighbourShare: 0.5 }, 'acquisition'), 'never bought candles: acquisition');
  assert.equal(reasonFromFeatures({ ...base, neighbourShare: 0.344 }, 'purchase'), 'popular with similar customers (34% bought candles)');
  assert.equal(reasonFromFeatures({ ...base, neighbourShare: 0.1, popularityRank: 2 }, 'purchase'), 'popular in candles right now');
  assert.equal(reasonFromFeatures({ ...base, neighbourShare: 0.1, popularityRank: 9 }, 'purchase'), 'high predicted interest in candles');
});

test('revenue and margin objectives add the expected spend', () => {
  assert.equal(
    reasonFromFeatures({ ...base, ordersInScope: 3, daysSinceInScope: 21, expectedSpend: 44.6 }, 'revenue'),
    'bought 3× in candles, last 21 days ago; expected spend 45',
  );
  assert.equal(reasonFromFeatures({ ...base, expectedSpend: 44.6 }, 'purchase'), 'high predicted interest in candles');
  assert.equal(
    reasonFromFeatures({ ...base, expectedSpend: 10 }, 'margin', { minNeighbourShare: 0.2, popularTop: 5, currency: '$' }),
    'high predicted interest in candles; expected spend $10',
  );
});

test('reasonsFromAllocation maps customers × K, empty slots give empty strings', () => {
  const scopes = ['candles', 'mugs'];
  const got = reasonsFromAllocation(Int32Array.from([1, -1, 0, 1]), 2, 'purchase', (c, o) => ({
    ...base,
    scope: scopes[o],
    ordersInScope: c,
  }));
  assert.deepEqual(got, ['high predicted interest in mugs', '', 'bought 1× in candles', 'bought 1× in mugs']);
});
