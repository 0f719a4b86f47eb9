import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marginRatesFromCosts, valuesFromObjective } from '../../src/rank/objective.ts';
import { UserError } from '../../src/domain/errors.ts';

// 2 customers × 2 offers
const input = {
  nCustomers: 2,
  nOffers: 2,
  probability: Float64Array.from([0.5, 0.2, 0.1, 0.4]),
  spend: Float64Array.from([10, 50, 20, 5]),
  boughtInScope: Uint8Array.from([1, 0, 0, 0]),
  marginRate: Float64Array.from([0.5, 0.25]),
  offerIds: ['A', 'B'],
};

test('purchase = p, revenue = p·s, margin = p·s·m', () => {
  assert.deepEqual([...valuesFromObjective('purchase', input).value], [0.5, 0.2, 0.1, 0.4]);
  assert.deepEqual([...valuesFromObjective('revenue', input).value], [5, 10, 2, 2]);
  assert.deepEqual([...valuesFromObjective('margin', input).value], [2.5, 2.5, 1, 0.5]);
  assert.deepEqual([...valuesFromObjective('revenue', input).eligible], [1, 1, 1, 1]);
});

test('acquisition: only customers who never bought in scope are eligible', () => {
  const r = valuesFromObjective('acquisition', input);
  assert.deepEqual([...r.value], [-Infinity, 0.2, 0.1, 0.4]);
  assert.deepEqual([...r.eligible], [0, 1, 1, 1]);
});

test('margin without a cost names the offers; missing inputs and bad shapes are errors', () => {
  assert.throws(
    () => valuesFromObjective('margin', { ...input, marginRate: Float64Array.from([NaN, 0.2]) }),
    (e: unknown) => e instanceof UserError && /missing for: A$/.test(e.message),
  );
  assert.throws(() => valuesFromObjective('revenue', { ...input, spend: undefined }), /needs expected spend/);
  assert.throws(() => valuesFromObjective('purchase', { ...input, probability: new Float64Array(3) }), /expected 2×2/);
});

test('non-finite probabilities are ineligible; margin rates come from costs', () => {
  const r = valuesFromObjective('purchase', { ...input, probability: Float64Array.from([NaN, 0.2, 0.1, 0.4]) });
  assert.equal(r.eligible[0], 0);
  assert.equal(r.value[0], -Infinity);
  assert.deepEqual([...marginRatesFromCosts([0.25, null])], [0.75, NaN]);
});
