// --model auto for recommendations: the backtest keeps the best candidate on its own validation cut,
// the horizon follows the customers' purchase rhythm, the first cut drops slow models that are behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keptAfterFirstCut, recsAutoChoice, type AutoRow } from '../../src/backtest/recsAutoChoice.ts';
import { horizonDaysFromLines } from '../../src/models/horizonDaysFromLines.ts';
import type { PurchaseLines } from '../../src/models/interactionLogFromLines.ts';
import { Popularity } from '../../src/models/popularity.ts';
import { Repurchase } from '../../src/models/repurchase.ts';
import { ItemKnn } from '../../src/models/itemKnn.ts';
import type { Recommender } from '../../src/models/recommender.ts';

const DAY = 86_400_000,
  T0 = Date.UTC(2022, 0, 1);

/** Customers who rebuy their own 3 staples every `gapDays` (planted truth: personal frequency wins), plus noise buys. */
function stapleWorld(nUsers: number, gapDays: number, days: number): PurchaseLines {
  let s = 11;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows: [number, number, number, number][] = [];
  let order = 0;
  for (let u = 0; u < nUsers; u++) {
    const staples = [u % 40, (u * 7 + 3) % 40, (u * 13 + 5) % 40];
    for (let t = Math.floor(rnd() * gapDays); t < days; t += gapDays) {
      const o = order++;
      for (const i of staples) if (rnd() < 0.8) rows.push([u, i, o, T0 + t * DAY]);
      if (rnd() < 0.3) rows.push([u, 40 + Math.floor(rnd() * 20), o, T0 + t * DAY]); // 20 best sellers nobody rebuys
    }
  }
  rows.sort((a, b) => a[3] - b[3] || a[2] - b[2]);
  return {
    nUsers,
    nItems: 60,
    user: Int32Array.from(rows, (r) => r[0]),
    item: Int32Array.from(rows, (r) => r[1]),
    order: Int32Array.from(rows, (r) => r[2]),
    quantity: Float64Array.from(rows, () => 1),
    amount: Float64Array.from(rows, () => 1),
    ts: Float64Array.from(rows, (r) => r[3]),
  };
}

test("the horizon follows the customers' rhythm, clipped; without repeat purchases it falls back", () => {
  assert.equal(horizonDaysFromLines(stapleWorld(100, 30, 300), T0 + 300 * DAY), 30);
  assert.equal(horizonDaysFromLines(stapleWorld(100, 7, 300), T0 + 300 * DAY), 14, 'weekly shoppers: clipped to 14');
  assert.equal(horizonDaysFromLines(stapleWorld(100, 200, 300), T0 + 300 * DAY), 91, 'rare buyers: clipped to 91');
  const once = stapleWorld(100, 400, 300);
  assert.equal(horizonDaysFromLines({ ...once, ts: once.ts.map(() => T0) }, T0 + DAY), 30, 'no timestamps: fallback');
});

test('auto keeps the candidate with the best validation NDCG and reports every candidate beside the baseline', async () => {
  const lines = stapleWorld(300, 21, 360);
  const asOf = T0 + 360 * DAY;
  const c = await recsAutoChoice(lines, asOf, {
    variant: 'all',
    baseline: 'top-frequency',
    candidates: [
      ['popularity', () => new Popularity()],
      ['top-frequency', () => new Repurchase({ cycleWeight: 0 }, 'top-frequency')],
      ['itemKnn', () => new ItemKnn()],
    ],
  });
  assert.equal(c.horizonDays, 21);
  assert.equal(c.validationTo, '2022-12-27');
  assert.ok(c.users >= 200, `validation customers ${c.users}`);
  const full = c.rows.filter((r) => r.stage === 'validation');
  assert.deepEqual(
    full.map((r) => r.model),
    ['popularity', 'top-frequency', 'itemKnn'],
    'small history: no first cut',
  );
  const best = full.reduce((a, b) => (b.ndcg > a.ndcg ? b : a));
  assert.equal(c.chosen, best.model);
  assert.notEqual(c.chosen, 'popularity', 'planted truth: customers rebuy their own staples');
  assert.equal(c.excludeSeen, false, 'repeats pay: the lists keep past purchases');
  assert.equal(c.baseline?.model, 'top-frequency');
  assert.equal(c.note, null);
});

test('many customers: the choice is made on every n-th one, and says so', async () => {
  const lines = stapleWorld(300, 21, 360);
  const c = await recsAutoChoice(lines, T0 + 360 * DAY, {
    variant: 'all',
    baseline: 'top-frequency',
    maxCustomers: 100,
    candidates: [
      ['popularity', () => new Popularity()],
      ['top-frequency', () => new Repurchase({ cycleWeight: 0 }, 'top-frequency')],
    ],
  });
  assert.deepEqual(c.sample, { customers: 100, of: 300 });
  assert.ok(c.users <= 100 && c.users >= 60, `${c.users} validation customers`);
  assert.equal(c.chosen, 'top-frequency', 'the planted truth holds on the sample');
  const all = await recsAutoChoice(lines, T0 + 360 * DAY, {
    variant: 'all',
    candidates: [['popularity', () => new Popularity()]],
  });
  assert.equal(all.sample, null);
});

test('on a sample, a model whose fit on everyone would exceed the budget is passed over for the best that fits in time', async () => {
  /** Personal top-frequency whose fit takes at least 60 ms: 180 ms predicted on everyone (3 × the sample). */
  class SlowRepurchase extends Repurchase {
    override async fit(log: Parameters<Repurchase['fit']>[0]): Promise<void> {
      await new Promise((r) => setTimeout(r, 60));
      await super.fit(log);
    }
  }
  const lines = stapleWorld(300, 21, 360);
  const candidates: [string, () => Recommender][] = [
    ['popularity', () => new Popularity()],
    ['slow-frequency', () => new SlowRepurchase({ cycleWeight: 0 }, 'slow-frequency')],
  ];
  const asOf = T0 + 360 * DAY;
  const roomy = await recsAutoChoice(lines, asOf, { variant: 'all', maxCustomers: 100, maxFitSeconds: 60, candidates });
  assert.equal(roomy.chosen, 'slow-frequency', 'planted truth: customers rebuy their staples');
  assert.deepEqual(roomy.tooSlow, []);
  const tight = await recsAutoChoice(lines, asOf, { variant: 'all', maxCustomers: 100, maxFitSeconds: 0.15, candidates });
  assert.equal(tight.chosen, 'popularity');
  assert.deepEqual(
    tight.tooSlow.map((t) => t.model),
    ['slow-frequency'],
  );
  assert.ok(tight.tooSlow[0].predictedSeconds >= 0.18, `${tight.tooSlow[0].predictedSeconds} s predicted`);
});

test('too little history to compare: the baseline, with a note saying why', async () => {
  const lines = stapleWorld(8, 30, 200);
  const c = await recsAutoChoice(lines, T0 + 200 * DAY, {
    variant: 'all',
    baseline: 'top-frequency',
    candidates: [
      ['popularity', () => new Popularity()],
      ['top-frequency', () => new Repurchase({ cycleWeight: 0 })],
    ],
  });
  assert.equal(c.chosen, 'top-frequency');
  assert.match(c.note!, /too few to compare/);
});

test('after the first cut: the best few within reach go on, a slow one too (a small sample undersells the blend)', () => {
  const row = (model: string, ndcg: number, fitSeconds: number): AutoRow => ({
    model,
    stage: 'first cut',
    ndcg,
    recall: 0,
    hit: 0,
    users: 100,
    fitSeconds,
    excludeSeen: false,
  });
  const first = [
    row('popularity', 0.1, 0.01),
    row('userKnn', 0.35, 1),
    row('als', 0.34, 1.2),
    row('blend', 0.345, 20),
    row('ease', 0.2, 3),
  ];
  assert.deepEqual(keptAfterFirstCut(first, 0.05, 3), ['userKnn', 'blend', 'als'], 'within 5 %, best first; EASE is 43 % behind');
  assert.deepEqual(keptAfterFirstCut(first, 0.05, 2), ['userKnn', 'blend'], 'at most maxKept');
  assert.deepEqual(keptAfterFirstCut(first, 0.02, 3), ['userKnn', 'blend'], 'ALS is 2.9 % behind');
  assert.deepEqual(keptAfterFirstCut([], 0.05, 3), []);
});

/** A ratings-like log: each user rates 12 distinct items in one 3-day burst, bursts spread over 2 years; items come in taste clusters. */
function burstWorld(nUsers: number): PurchaseLines {
  let s = 5;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows: [number, number, number, number][] = [];
  for (let u = 0; u < nUsers; u++) {
    const start = Math.floor((u / nUsers) * 700),
      cluster = u % 5,
      seen = new Set<number>();
    while (seen.size < 12) {
      const i = rnd() < 0.85 ? cluster * 12 + Math.floor(rnd() * 12) : Math.floor(rnd() * 60);
      if (seen.has(i)) continue;
      seen.add(i);
      rows.push([u, i, rows.length, T0 + (start + rnd() * 3) * DAY]);
    }
  }
  rows.sort((a, b) => a[3] - b[3]);
  return {
    nUsers,
    nItems: 60,
    user: Int32Array.from(rows, (r) => r[0]),
    item: Int32Array.from(rows, (r) => r[1]),
    order: Int32Array.from(rows, (r) => r[2]),
    quantity: Float64Array.from(rows, () => 1),
    amount: Float64Array.from(rows, () => 0),
    ts: Float64Array.from(rows, (r) => r[3]),
  };
}

test("a log of one-off bursts (ratings): no window holds enough customers, so each one's last purchase is held out; no repeat-buying model wins", async () => {
  const lines = burstWorld(400);
  const c = await recsAutoChoice(lines, T0 + 710 * DAY, {
    variant: 'all',
    baseline: 'top-frequency',
    candidates: [
      ['popularity', () => new Popularity()],
      ['top-frequency', () => new Repurchase({ cycleWeight: 0 }, 'top-frequency')],
      ['itemKnn', () => new ItemKnn()],
    ],
  });
  assert.equal(c.validation, 'holdout');
  assert.ok(c.users >= 300, `${c.users} validation customers`);
  assert.equal(c.note, null);
  assert.equal(c.chosen, 'itemKnn', JSON.stringify(c.rows));
  assert.equal(c.excludeSeen, true, 'nobody buys the same item twice: all-items lists leave past purchases out');
  const knn = c.rows.find((r) => r.model === 'itemKnn' && r.stage === 'validation')!;
  assert.equal(knn.excludeSeen, true);
});
