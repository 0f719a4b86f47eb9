import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offerIdsFromInsights, isAutoRule } from '../../src/offers/autoSelect.ts';
import type { OfferInsight } from '../../src/offers/insights.ts';

function row(
  offerId: string,
  revenue: number,
  velocity: number | null,
  aov: number | null,
  efficiency: number | null,
): OfferInsight & { offerId: string } {
  return { offerId, offer: 0, revenue, revenuePrev: 0, velocity, orders: 1, buyers: 1, aov, audience: 10, scopeCustomers: 3, efficiency };
}
const rows = [row('b', 100, -0.5, 20, 3), row('a', 100, 0.2, 50, null), row('C', 40, -0.9, 50, 6), row('d', 300, null, null, 1.5)];

test('each rule ranks by its metric, ties by offer id, undefined metrics skipped', () => {
  assert.deepEqual(offerIdsFromInsights(rows, 'top-revenue', 3), ['d', 'a', 'b']); // a, b tie at 100
  assert.deepEqual(offerIdsFromInsights(rows, 'top-niche', 5), ['C', 'b', 'd']); // a has no efficiency
  assert.deepEqual(offerIdsFromInsights(rows, 'low-velocity', 2), ['C', 'b']);
  assert.deepEqual(offerIdsFromInsights(rows, 'top-aov', 2), ['C', 'a']); // 'C' < 'a' in code-point order
});

test('the result does not depend on input order', () => {
  const rev = [...rows].reverse();
  for (const rule of ['top-revenue', 'top-niche', 'low-velocity', 'top-aov'] as const) {
    assert.deepEqual(offerIdsFromInsights(rev, rule, 4), offerIdsFromInsights(rows, rule, 4));
  }
});

test('rule names are checked and the count must be a whole number ≥ 1', () => {
  assert.ok(isAutoRule('top-aov'));
  assert.ok(!isAutoRule('top-margin'));
  assert.throws(() => offerIdsFromInsights(rows, 'top-revenue', 0), /count/);
});
