// The compute on the tiny hand-made store (test/helpers/tinyRetail.ts), with the popularity scorer:
// too few buyers to calibrate, so a promotion's score is its scope's buyers in the last 90 days
// (candles 1, mugs 2, bags 2) and every expected value below is checked by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';
import { NotFoundError, UserError } from '../../src/domain/errors.ts';
import type { Promotion } from '../../src/promotions/promotion.ts';
import { upsertPromotions } from '../../src/promotions/promotionTable.ts';
import { computePromotionLists, type PromotionComputeSettings } from '../../src/promotions/computePromotionLists.ts';
import { exportPromotionLists, promotionsForCustomer } from '../../src/promotions/promotionListsRead.ts';
import type { Store } from '../../src/store/store.ts';

const base: Omit<Promotion, 'promotionId' | 'name' | 'scope'> = {
  mechanism: 'percent_off',
  value: 10,
  validFrom: null,
  validTo: null,
  channel: 'all',
  level: 'all',
  audience: null,
  customerIds: null,
  cost: 0.5,
  pointCost: null,
  redemptionCost: null,
  stock: null,
  budget: null,
  source: 'import',
};
const fam = (value: string) => ({ kind: 'attribute' as const, attribute: 'family', value });

async function storeWith(over: Record<string, Partial<Promotion>> = {}): Promise<Store> {
  const s = await tinyRetailStore();
  await upsertPromotions(s, [
    { ...base, promotionId: 'candles', name: 'Candles 10% off', scope: fam('candles'), ...over.candles },
    { ...base, promotionId: 'mugs', name: 'Mugs 1 off', mechanism: 'amount_off', value: 1, scope: fam('mugs'), ...over.mugs },
    { ...base, promotionId: 'bags', name: 'Bags 20% off', value: 20, scope: fam('bags'), ...over.bags },
  ]);
  return s;
}
const settings = (s: Partial<PromotionComputeSettings> = {}): PromotionComputeSettings => ({
  perCustomer: 3,
  objective: 'margin',
  model: 'popularity',
  asOf: '2021-03-02',
  sendDate: null,
  channel: null,
  audience: null,
  ...s,
});
async function lists(s: Store) {
  return s.all<{ customer_id: string; rank: number; promotion_id: string; expected_value: number; probability: number | null }>(
    `SELECT customer_id, rank, promotion_id, expected_value, probability FROM promotion_lists ORDER BY customer_id, rank`,
  );
}
const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);

test('margin: lists ranked by p × (expected margin in scope − discount), checked by hand', async () => {
  const s = await storeWith();
  const sum = await computePromotionLists(s, settings());
  assert.equal(sum.calibrated, false);
  assert.equal(sum.customers, 4);
  assert.equal(sum.assignments, 12);
  // Expected spend in scope is the same for every customer here (candles 4, mugs 3, bags 5), so:
  // bags 2 × (5·0.5 − 20%·5) = 3.0 > candles 1 × (4·0.5 − 10%·4) = 1.6 > mugs 2 × (3·0.5 − 1) = 1.0.
  const rows = await lists(s);
  for (const c of ['c1', 'c2', 'c3', 'c4']) {
    const mine = rows.filter((r) => r.customer_id === c);
    assert.deepEqual(
      mine.map((r) => r.promotion_id),
      ['bags', 'candles', 'mugs'],
      c,
    );
    near(mine[0].expected_value, 3.0);
    near(mine[1].expected_value, 1.6);
    near(mine[2].expected_value, 1.0);
    assert.equal(mine[0].probability, null, 'uncalibrated scores are not shown as probabilities');
  }
  near(sum.expectedValue, 4 * 5.6);
  // Purchase: the value is the score itself: bags and mugs (2 buyers) before candles (1).
  await computePromotionLists(s, settings({ objective: 'purchase', perCustomer: 1 }));
  const top = await lists(s);
  assert.equal(top.length, 4, 'the new run replaced the old lists');
  for (const r of top) {
    assert.ok(r.promotion_id === 'bags' || r.promotion_id === 'mugs');
    near(r.expected_value, 2);
  }
  s.close();
});

test('a discount above the margin is never offered, and margin needs every cost', async () => {
  const s = await storeWith({ mugs: { value: 2 } }); // 2 off a 3 spend at 50 % margin: 1.5 − 2 < 0
  const sum = await computePromotionLists(s, settings());
  assert.equal(sum.excluded.notPositive, 4);
  assert.ok((await lists(s)).every((r) => r.promotion_id !== 'mugs'));
  await upsertPromotions(s, [{ ...base, promotionId: 'free', name: 'no cost', cost: null, scope: fam('bags') }]);
  await assert.rejects(computePromotionLists(s, settings()), (e: Error) => e instanceof UserError && /missing for: free/.test(e.message));
  s.close();
});

test('stock and budget cap recipients; the capped promotion goes where it is worth most', async () => {
  // Bags: one redemption costs 20 % of 5 = 1, so budget 2 → at most 2 recipients; stock 1 → 1.
  for (const [limit, cap] of [
    [{ budget: 2 }, 2],
    [{ stock: 1 }, 1],
    [{ budget: 2.5, stock: 3 }, 2],
  ] as const) {
    const s = await storeWith({ bags: limit });
    const sum = await computePromotionLists(s, settings({ perCustomer: 1 }));
    assert.equal(sum.limitedPromotions, 1);
    const rows = await lists(s);
    assert.equal(rows.filter((r) => r.promotion_id === 'bags').length, cap, JSON.stringify(limit));
    assert.equal(rows.length, 4, 'the others get their next best promotion');
    s.close();
  }
});

test('guardrails: validity on the send date, individual and members levels, channel', async () => {
  const s = await storeWith({
    candles: { validTo: new Date(Date.UTC(2021, 1, 1)) }, // expired before the as-of date
    mugs: { level: 'individual', customerIds: ['c2'] },
    bags: { channel: 'app' },
  });
  let sum = await computePromotionLists(s, settings());
  assert.equal(sum.excluded.validity, 4);
  assert.equal(sum.excluded.level, 3);
  let rows = await lists(s);
  assert.ok(rows.every((r) => r.promotion_id !== 'candles'));
  assert.deepEqual(
    rows.filter((r) => r.promotion_id === 'mugs').map((r) => r.customer_id),
    ['c2'],
  );
  // A send date inside the validity brings candles back.
  sum = await computePromotionLists(s, settings({ asOf: '2021-01-20', sendDate: '2021-01-25' }));
  assert.ok((await lists(s)).some((r) => r.promotion_id === 'candles'));
  // Channel email: the app-only bags promotion is not in the pool.
  sum = await computePromotionLists(s, settings({ channel: 'email' }));
  assert.equal(sum.promotions, 2);
  rows = await lists(s);
  assert.ok(rows.every((r) => r.promotion_id !== 'bags'));
  await s.run(`ALTER TABLE customers ADD COLUMN is_member BOOLEAN`);
  await s.run(`UPDATE customers SET is_member = customer_id IN ('c3', 'c4')`);
  await upsertPromotions(s, [{ ...base, promotionId: 'bags', name: 'members', level: 'members', scope: fam('bags') }]);
  await computePromotionLists(s, settings());
  assert.deepEqual(
    (await lists(s)).filter((r) => r.promotion_id === 'bags').map((r) => r.customer_id),
    ['c3', 'c4'],
  );
  await s.run(`UPDATE promotions SET channel = 'app'`);
  await assert.rejects(computePromotionLists(s, settings({ channel: 'sms' })), /no promotion for channel 'sms'/);
  s.close();
});

test('per customer read and atomic export', async () => {
  const s = await storeWith();
  await assert.rejects(promotionsForCustomer(s, 'c1'), /run promotions compute first/);
  const sum = await computePromotionLists(s, settings({ perCustomer: 2 }));
  const c1 = await promotionsForCustomer(s, 'c1');
  assert.equal(c1.runId, sum.runId);
  assert.deepEqual(
    c1.promotions.map((p) => [p.rank, p.promotionId, p.mechanism]),
    [
      [1, 'bags', 'percent_off'],
      [2, 'candles', 'percent_off'],
    ],
  );
  assert.match(c1.promotions[1].reason!, /^10% off: bought 2× in candles, last \d+ days ago; expected margin 1\.60/);
  await assert.rejects(promotionsForCustomer(s, 'nobody'), NotFoundError);
  const dir = await mkdtemp(join(tmpdir(), 'nb-promo-'));
  try {
    const out = join(dir, 'lists.csv');
    const r = await exportPromotionLists(s, out, 'csv');
    assert.equal(r.rows, 8);
    const text = (await readFile(out, 'utf8')).trim().split('\n');
    assert.equal(
      text[0],
      'customer_id,rank,promotion_id,name,mechanism,value,channel,valid_from,valid_to,expected_value,probability,reason,run_id',
    );
    assert.equal(text.length, 9);
    assert.match(text[1], /^c1,1,bags,/);
    await assert.rejects(exportPromotionLists(s, join(dir, 'missing', 'x.csv'), 'csv'), /does not exist/);
    assert.deepEqual(await readdir(dir), ['lists.csv'], 'no temporary file left');
  } finally {
    await rm(dir, { recursive: true, force: true });
    s.close();
  }
});
