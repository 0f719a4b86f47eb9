import { test } from 'node:test';
import assert from 'node:assert/strict';
import { affinityScores } from '../../src/rank/affinityScores.ts';
import { rankedOffersFromScores } from '../../src/rank/rankOffers.ts';
import { DAY_MS } from '../../src/rank/offerLines.ts';

const asOf = Date.UTC(2011, 8, 1);
const ago = (days: number) => asOf - days * DAY_MS;

// 6 customers, 3 offers. Offer 0 is popular (c1..c3 bought it recently), offer 1 less so (c4),
// c0 bought offer 2 yesterday; c5 has no history at all.
function input() {
  const lines: [number, number, number, number][] = [
    // customer, offer, amount, days ago
    [1, 0, 5, 10],
    [2, 0, 5, 20],
    [3, 0, 5, 30],
    [3, 0, 5, 30],
    [4, 1, 5, 15],
    [0, 2, 5, 1],
    [4, -1, 9, 3],
  ];
  return {
    nCustomers: 6,
    nOffers: 3,
    asOf,
    lineCust: Int32Array.from(lines, (l) => l[0]),
    lineOffer: Int32Array.from(lines, (l) => l[1]),
    lineAmount: Float64Array.from(lines, (l) => l[2]),
    lineTs: Float64Array.from(lines, (l) => ago(l[3])),
  };
}
const rankOf = (scores: Float64Array, c: number) => [...rankedOffersFromScores(scores, 3, new Float64Array(3), { rows: [c] })];

test('a recent buyer of an offer ranks it first, above popular offers', () => {
  assert.equal(rankOf(affinityScores(input()), 0)[0], 2);
});

test('a customer without history gets the popularity order, by score alone', () => {
  const s = affinityScores(input());
  assert.deepEqual(rankOf(s, 5), [0, 1, 2]); // 3 recent buyers, 1, 1 (ties broken by index here)
  assert.ok(s[5 * 3 + 0] > s[5 * 3 + 1]);
});

test('same-day lines count as one occasion; recent occasions outweigh old ones', () => {
  const x = input();
  const s = affinityScores({ ...x, config: { collaborativeWeight: 0, popularityWeight: 0, seasonWeight: 0, halfLifeDays: 0 } });
  assert.equal(s[3 * 3 + 0], 1); // c3's two lines on one day
  // c0: offer 1 bought 400 days ago, offer 2 yesterday; with a 90-day half-life offer 2 wins
  const y = {
    ...x,
    lineCust: Int32Array.from([0, 0]),
    lineOffer: Int32Array.from([1, 2]),
    lineAmount: Float64Array.from([1, 1]),
    lineTs: Float64Array.from([ago(400), ago(1)]),
  };
  const d = affinityScores({ ...y, config: { halfLifeDays: 90, seasonWeight: 0 } });
  assert.ok(d[2] > d[1]);
});

test("last year's season adds to the offer bought then", () => {
  const x = {
    ...input(),
    lineCust: Int32Array.from([0, 0, 0]),
    lineOffer: Int32Array.from([1, 2, 2]),
    lineAmount: Float64Array.from([1, 1, 1]),
    lineTs: Float64Array.from([ago(365 - 10), ago(200), ago(100)]),
  };
  // Without the season term offer 2 (two occasions) leads; with it offer 1 (one occasion in last year's window, weight 3) does.
  assert.equal(rankOf(affinityScores({ ...x, config: { seasonWeight: 0 } }), 0)[0], 2);
  assert.equal(rankOf(affinityScores({ ...x, config: { seasonWeight: 3 } }), 0)[0], 1);
});

test('deterministic, independent of line order, and blind to lines at or after asOf', () => {
  const x = input();
  const a = affinityScores(x),
    b = affinityScores(x);
  assert.deepEqual(a, b);
  const perm = [6, 5, 4, 3, 2, 1, 0];
  const shuffled = {
    ...x,
    lineCust: Int32Array.from(perm, (i) => x.lineCust[i]),
    lineOffer: Int32Array.from(perm, (i) => x.lineOffer[i]),
    lineAmount: Float64Array.from(perm, (i) => x.lineAmount[i]),
    lineTs: Float64Array.from(perm, (i) => x.lineTs[i]),
  };
  assert.deepEqual(affinityScores(shuffled), a);
  const future = {
    ...x,
    lineCust: Int32Array.from([...x.lineCust, 5]),
    lineOffer: Int32Array.from([...x.lineOffer, 2]),
    lineAmount: Float64Array.from([...x.lineAmount, 1]),
    lineTs: Float64Array.from([...x.lineTs, asOf]),
  };
  assert.deepEqual(affinityScores(future), a);
});

test("co-purchase back-off ranks the offer bought with the customer's offers above others", () => {
  // c0..c2 bought offers 0 and 1 together; c3, c4 bought only offer 2 (more popular); c5 bought offer 0.
  const lines: [number, number][] = [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
    [2, 0],
    [2, 1],
    [3, 2],
    [4, 2],
    [3, 2],
    [4, 2],
    [5, 0],
  ];
  const x = {
    nCustomers: 6,
    nOffers: 3,
    asOf,
    lineCust: Int32Array.from(lines, (l) => l[0]),
    lineOffer: Int32Array.from(lines, (l) => l[1]),
    lineAmount: new Float64Array(lines.length).fill(1),
    lineTs: Float64Array.from(lines, (_, i) => ago(50 - i)),
  };
  assert.deepEqual(rankOf(affinityScores(x), 5), [0, 1, 2]);
});
