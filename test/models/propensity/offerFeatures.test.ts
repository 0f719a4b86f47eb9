import { test } from 'node:test';
import assert from 'node:assert/strict';
import { affinityScores } from '../../../src/rank/affinityScores.ts';
import {
  offerFeaturesFromLines,
  offerLabelsForCustomers,
  offerLabelsFromLines,
  type PropensityLines,
} from '../../../src/snapshot/offerFeatures.ts';
import { customerLineIndexFromLines } from '../../../src/snapshot/offerFeaturesIndex.ts';

const DAY = 86_400_000;
/** 3 customers, 2 offers under one ancestor; lines as [customer, offer, day, amount], sorted by day. */
function lines(rows: [number, number, number, number][]): PropensityLines {
  return {
    nCustomers: 3,
    nOffers: 2,
    nAncestors: 1,
    asOf: 100 * DAY,
    lineCust: Int32Array.from(rows, (r) => r[0]),
    lineOffer: Int32Array.from(rows, (r) => r[1]),
    lineAmount: Float64Array.from(rows, (r) => r[3]),
    lineTs: Float64Array.from(rows, (r) => r[2] * DAY),
    lineAncestor: new Int32Array(rows.length),
    offerAncestor: Int32Array.from([0, 0]),
  };
}
const history: [number, number, number, number][] = [
  [0, 0, 10, 10],
  [0, 1, 10, 5], // one order of c0 holding both offers
  [0, 0, 70, 20],
  [0, -1, 95, 7],
  [1, 1, 90, 8],
];
const future: [number, number, number, number][] = [
  [2, 0, 100, 50],
  [0, 1, 100, 1],
  [2, 1, 150, 9],
];

function get(f: ReturnType<typeof offerFeaturesFromLines>, name: string, c: number, o: number): number {
  const k = f.names.indexOf(name);
  assert.ok(k >= 0, `no feature ${name}`);
  return f.X[k * f.nRows + c * f.nOffers + o];
}
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-5, `${a} ≠ ${b}`);

test('features of a hand-made 3-customer example have the exact values', () => {
  const f = offerFeaturesFromLines(lines(history), { asOf: 100 * DAY, horizonDays: 30 });
  assert.deepEqual([...f.active], [1, 1, 0]);
  close(get(f, 'scope_days_since', 0, 0), 30);
  close(get(f, 'scope_days_since', 0, 1), 90);
  close(get(f, 'scope_days_since', 1, 1), 10);
  close(get(f, 'scope_days_since', 2, 0), 730); // never bought
  close(get(f, 'scope_orders', 0, 0), Math.log1p(2));
  close(get(f, 'scope_spend', 0, 0), Math.log1p(30));
  close(get(f, 'scope_orders_30', 0, 0), 1);
  close(get(f, 'scope_orders_90', 0, 0), 2);
  close(get(f, 'scope_wallet_share', 0, 0), 30 / 42);
  close(get(f, 'scope_order_share', 0, 0), 2 / 3);
  close(get(f, 'scope_cycle_due', 0, 0), 30 / 60); // 30 days since last ÷ 60-day mean gap
  close(get(f, 'scope_cycle_due', 0, 1), 0); // one order: no cycle
  close(get(f, 'ancestor_orders', 0, 1), Math.log1p(3));
  close(get(f, 'ancestor_days_since', 0, 1), 5);
  close(get(f, 'cust_orders', 0, 0), Math.log1p(3));
  close(get(f, 'cust_days_since', 1, 0), 10);
  close(get(f, 'cust_tenure_days', 0, 0), 90);
  close(get(f, 'cust_scopes_bought', 0, 1), 2);
  // cos(o0, o1) = 1/√2 (buyers {c0} and {c0, c1}); c0's order shares are 2/3 (o0) and 1/3 (o1).
  close(get(f, 'collab_copurchase', 0, 0), 1 / 3 / Math.SQRT2);
  close(get(f, 'collab_copurchase', 0, 1), 2 / 3 / Math.SQRT2);
  close(get(f, 'collab_copurchase', 1, 0), 1 / Math.SQRT2);
  close(get(f, 'offer_buyer_share_90', 2, 0), 1 / 2);
  close(get(f, 'offer_buyer_share_90', 2, 1), 1);
  // c0 orders at days 10, 70, 95 (ages 90, 30, 5): tenure 90 d → 30·3/90 orders per 30 days; blocks 3, 1, 0.
  close(get(f, 'cust_orders_180', 0, 0), 3);
  close(get(f, 'cust_order_rate', 0, 0), 1);
  close(get(f, 'cust_active_months', 0, 0), 3);
  close(get(f, 'cust_order_rate', 1, 0), 1); // one order, tenure 10 d floored at 30 d
  close(get(f, 'cust_active_months', 1, 0), 1);
  close(get(f, 'cust_order_rate', 2, 0), 0);
  const aff = affinityScores({ ...lines(history), asOf: 100 * DAY });
  for (let r = 0; r < 6; r++) close(get(f, 'affinity_score', Math.floor(r / 2), r % 2), Math.log1p(aff[r]));
  assert.ok(get(f, 'affinity_score', 0, 0) > get(f, 'affinity_score', 1, 0));
  for (let k = 0; k < f.names.length; k++) assert.ok(f.X.subarray(k * f.nRows, (k + 1) * f.nRows).every(Number.isFinite), f.names[k]);
});

test('leakage guard: lines on or after the cut never change its features', () => {
  const a = offerFeaturesFromLines(lines(history), { asOf: 100 * DAY, horizonDays: 30 });
  const b = offerFeaturesFromLines(lines([...history, ...future]), { asOf: 100 * DAY, horizonDays: 30 });
  assert.deepEqual(b.names, a.names);
  assert.deepEqual(b.X, a.X);
  assert.deepEqual(b.active, a.active);
});

test('labels mark scope purchases inside [from, to) only', () => {
  const y = offerLabelsFromLines(lines([...history, ...future]), 100 * DAY, 130 * DAY);
  assert.deepEqual([...y], [0, 1, 0, 0, 1, 0]);
});

test('optional engagement and contact arrays add their columns; no hierarchy drops ancestor columns', () => {
  const base = { ...lines(history), nAncestors: 0 };
  const f = offerFeaturesFromLines(
    base,
    { asOf: 100 * DAY, horizonDays: 30 },
    {
      events: {
        cust: Int32Array.from([1, 1, 1]),
        offer: Int32Array.from([0, 0, 0]),
        ts: Float64Array.from([80, 95, 120], (d) => d * DAY),
        type: Uint8Array.from([0, 1, 0]),
      },
      contacts: { cust: Int32Array.from([0]), offer: Int32Array.from([1]), ts: Float64Array.from([50 * DAY]) },
    },
  );
  assert.ok(!f.names.includes('ancestor_orders'));
  close(get(f, 'scope_views_30', 1, 0), 1); // the view at day 120 is after the cut
  close(get(f, 'scope_carts_30', 1, 0), 1);
  close(get(f, 'scope_contacts', 0, 1), 1);
  assert.ok(!f.names.includes('scope_responses'));
});

test('a customer has the same features in a subset as among all customers; labels likewise', () => {
  const L = lines([...history, ...future]);
  const all = offerFeaturesFromLines(L, { asOf: 100 * DAY, horizonDays: 30 });
  const index = customerLineIndexFromLines(L);
  const subset = Int32Array.from([2, 0]);
  const sub = offerFeaturesFromLines(L, { asOf: 100 * DAY, horizonDays: 30, customers: subset, index });
  assert.deepEqual(sub.names, all.names);
  assert.deepEqual([...sub.customers], [2, 0]);
  assert.equal(sub.nRows, 4);
  subset.forEach((c, k) => {
    assert.equal(sub.active[k], all.active[c]);
    for (let f = 0; f < all.names.length; f++)
      for (let o = 0; o < 2; o++) {
        assert.equal(sub.X[f * sub.nRows + k * 2 + o], all.X[f * all.nRows + c * 2 + o], `${all.names[f]} of customer ${c}`);
      }
  });
  // Offer-level columns come from all customers' lines (c1 alone bought o1 in the last 90 days).
  close(get(sub, 'offer_buyer_share_90', 0, 1), 1);
  const yAll = offerLabelsFromLines(L, 100 * DAY, 130 * DAY),
    ySub = offerLabelsForCustomers(L, index, subset, 100 * DAY, 130 * DAY);
  assert.deepEqual([...ySub], [yAll[4], yAll[5], yAll[0], yAll[1]]);
});

test('lines out of time order give the same features as sorted lines', () => {
  const rows = [...history, ...future];
  const shuffled = lines([rows[3], rows[0], rows[6], rows[1], rows[5], rows[2], rows[7], rows[4]]);
  const a = offerFeaturesFromLines(lines(rows), { asOf: 100 * DAY, horizonDays: 30 });
  const b = offerFeaturesFromLines(shuffled, { asOf: 100 * DAY, horizonDays: 30 });
  assert.deepEqual(b.X, a.X);
});
