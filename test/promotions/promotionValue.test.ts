import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedValue, redemptionCost, type PromotionEconomics } from '../../src/promotions/promotionValue.ts';
import { maxRecipients } from '../../src/promotions/maxRecipients.ts';

const econ = (e: Partial<PromotionEconomics>): PromotionEconomics => ({
  mechanism: 'percent_off',
  value: 20,
  cost: 0.5,
  pointCost: null,
  redemptionCost: null,
  unitPrice: 4,
  ...e,
});

test('cost of one redemption per mechanism (hand-checked)', () => {
  // spend 50 in scope
  assert.equal(redemptionCost(econ({ mechanism: 'percent_off', value: 20 }), 50), 10); // 20 % of 50
  assert.equal(redemptionCost(econ({ mechanism: 'amount_off', value: 5 }), 50), 5);
  assert.equal(redemptionCost(econ({ mechanism: 'bundle', value: 7 }), 50), 7);
  assert.equal(redemptionCost(econ({ mechanism: 'bogo', value: null, unitPrice: 4 }), 50), 4); // one free unit
  assert.equal(redemptionCost(econ({ mechanism: 'points', value: 3, pointCost: 0.02 }), 50), 2); // (3 − 1) × 0.02 × 50
  assert.equal(redemptionCost(econ({ mechanism: 'points', value: 2 }), 50), 0.5); // default point cost 1 %
  assert.equal(redemptionCost(econ({ mechanism: 'free_shipping', value: 4.9, redemptionCost: 0.1 }), 50), 5); // shipping + handling
});

test('expected value: probability, or probability × (margin − discount); the ranking follows it', () => {
  // Customer with p = 0.3 for A (20 % off, spend 50, cost 0.5) and p = 0.2 for B (5 off, spend 50, cost 0.5).
  const a = econ({ mechanism: 'percent_off', value: 20 }),
    b = econ({ mechanism: 'amount_off', value: 5 });
  assert.equal(expectedValue('purchase', 0.3, 50, a), 0.3);
  assert.ok(Math.abs(expectedValue('margin', 0.3, 50, a) - 0.3 * (25 - 10)) < 1e-12); // 4.5
  assert.ok(Math.abs(expectedValue('margin', 0.2, 50, b) - 0.2 * (25 - 5)) < 1e-12); // 4.0
  // Under purchase A wins (0.3 > 0.2) and under margin too (4.5 > 4.0); a deeper discount flips it.
  const deep = econ({ mechanism: 'percent_off', value: 40 });
  assert.ok(expectedValue('margin', 0.3, 50, deep) < expectedValue('margin', 0.2, 50, b)); // 0.3 × 5 = 1.5 < 4
  // A discount above the margin is a loss.
  assert.ok(expectedValue('margin', 0.5, 10, econ({ mechanism: 'amount_off', value: 8 })) < 0);
});

test('stock and budget become a maximum of recipients (every recipient may redeem)', () => {
  assert.equal(maxRecipients({ stock: null, budget: null }, 5), Infinity);
  assert.equal(maxRecipients({ stock: 7, budget: null }, 5), 7);
  assert.equal(maxRecipients({ stock: null, budget: 100 }, 30), 3); // 100 / 30 → 3
  assert.equal(maxRecipients({ stock: 2, budget: 100 }, 30), 2);
  assert.equal(maxRecipients({ stock: null, budget: 100 }, 0), Infinity); // costs nothing: no budget limit
});
