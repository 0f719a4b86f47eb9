import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offerInsightsFromLines } from '../../src/offers/insights.ts';
import type { OfferLines } from '../../src/rank/offerLines.ts';

const DAY = 86_400_000;
const A = 100 * DAY;
/** [customer, offer, day, amount], sorted by day; 4 customers, 2 offers; asOf = day 100. */
function lines(rows: [number, number, number, number][]): OfferLines {
  return {
    nCustomers: 4,
    nOffers: 2,
    asOf: A,
    lineCust: Int32Array.from(rows, (r) => r[0]),
    lineOffer: Int32Array.from(rows, (r) => r[1]),
    lineAmount: Float64Array.from(rows, (r) => r[3]),
    lineTs: Float64Array.from(rows, (r) => r[2] * DAY),
  };
}
const L = lines([
  [0, 0, 10, 5],
  [1, 1, 20, 4],
  [2, 0, 30, 30], // before the previous window
  [0, 0, 45, 10],
  [3, -1, 60, 1], // previous window [40, 70)
  [0, 0, 75, 20],
  [0, 0, 75, 5],
  [1, 0, 80, 15],
  [0, 0, 90, 10], // current window [70, 100)
  [2, 1, 100, 999], // at asOf: ignored
]);

test('revenue, velocity, orders, buyers, AOV and audience follow the documented windows', () => {
  const [o0, o1] = offerInsightsFromLines(L, A, null);
  assert.equal(o0.revenue, 50);
  assert.equal(o0.revenuePrev, 10);
  assert.equal(o0.velocity, 4);
  assert.equal(o0.orders, 3); // c0 at day 75 (two lines, one order), c1 at 80, c0 at 90
  assert.equal(o0.buyers, 2);
  assert.equal(o0.aov, 50 / 3);
  assert.equal(o0.audience, 4);
  assert.equal(o0.scopeCustomers, 3);
  assert.equal(o0.efficiency, null);
  assert.equal(o1.revenue, 0);
  assert.equal(o1.velocity, null); // nothing in the previous window
  assert.equal(o1.aov, null);
  assert.equal(o1.scopeCustomers, 1);
});

test('efficiency = share of window buyers in the top 10 % of backtest scores ÷ 10 %', () => {
  // Customers with history before day 70: c0, c1, c2, c3 (N = 4, top ⌈0.4⌉ = 1). Buyers of o0 in [70,100): c0, c1.
  const perfect = Float64Array.from([0.9, 0, 0.5, 0, 0.1, 0, 0.2, 0]); // c0 ranked first for o0
  assert.equal(offerInsightsFromLines(L, A, perfect)[0].efficiency, 1 / 2 / (1 / 4));
  const worst = Float64Array.from([0.1, 0, 0.2, 0, 0.9, 0, 0.5, 0]); // c2, a non-buyer, first
  assert.equal(offerInsightsFromLines(L, A, worst)[0].efficiency, 0);
  assert.equal(offerInsightsFromLines(L, A, perfect)[1].efficiency, null); // o1 has no window buyer
});
