// The segment features of customerFeaturesSql on hand-made rows with values worked out by hand:
// purchase cycle, dormancy ratio, seasonality, percent ranks, 30-day events, inferred cart abandons,
// offer uptake; event-only customers only when asked; nothing on or after the as-of date counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customerFeaturesSql } from '../../src/snapshot/customerFeaturesSql.ts';
import type { Store } from '../../src/store/store.ts';
import { AS_OF, segmentsStore } from './segmentsStore.ts';

async function features(s: Store, withEventOnly: boolean): Promise<Map<string, Record<string, unknown>>> {
  const sql = customerFeaturesSql(['customer_id'], '?::TIMESTAMP', { withEventOnly });
  const rows = await s.all<Record<string, unknown>>(sql, Array(sql.split('?::TIMESTAMP').length - 1).fill(AS_OF));
  return new Map(rows.map((r) => [r.customer_id as string, r]));
}

test('cycle, dormancy, season and percent-rank features', async () => {
  const s = await segmentsStore();
  await s.run(`INSERT INTO order_lines VALUES ('late','p1',0,'d1',1,5,5,'2021-07-01 00:00','purchase',NULL)`); // at A: not history
  const f = await features(s, false);
  assert.deepEqual([...f.keys()].sort(), ['d1', 'g1', 'n1', 'r1', 's1'], 'no event-only customer by default');
  const d1 = f.get('d1')!,
    s1 = f.get('s1')!;
  assert.deepEqual([d1.frequency, d1.purchase_cycle_days, d1.recency_days, d1.dormancy_ratio], [3, 10, 222, 222 / 20]);
  assert.equal(f.get('r1')!.dormancy_ratio, 10 / 20, '2 × max(own cycle 10, store p80 gap 10)');
  assert.equal(s1.dormancy_ratio, 334 / (2 * 374));
  assert.equal(f.get('n1')!.dormancy_ratio, null);
  assert.equal(d1.typical_cycle_days, 10, "median of the buyers' cycles 7, 10, 10, 374");
  assert.deepEqual([s1.purchase_cycle_days, s1.season_share, s1.season_years, s1.orders_365d], [374, 1, 3, 1]);
  // Jul, Jul, Aug: Jun–Aug and Jul–Sep both hold all three; Jun–Aug has more in its middle month. As of
  // 1 July we are inside it. z = (3 − 3/4) / √(3 · 3/16) = 3.
  assert.deepEqual([s1.peak_season_month, s1.months_to_peak, s1.season_score], [6, 0, 3]);
  assert.deepEqual([f.get('r1')!.peak_season_month, f.get('r1')!.months_to_peak], [5, 0], 'June orders: the May–Jul window');
  assert.deepEqual([d1.peak_season_month, d1.months_to_peak], [10, 3], 'November orders: Oct–Dec, three months away');
  assert.ok(Math.abs((d1.new_buyer_window_days as number) - 154) < 1e-9, 'p80 of the first-to-second gaps 7, 10, 10, 370');
  assert.deepEqual([f.get('r1')!.monetary_pct, d1.monetary_pct, s1.monetary_pct, f.get('n1')!.monetary_pct], [1, 3 / 4, 1 / 2, 0]);
  assert.deepEqual([d1.frequency_pct, f.get('n1')!.frequency_pct, f.get('g1')!.frequency_pct], [1 / 4, 0, 1]);
  s.close();
});

test('events, inferred cart abandons, offer uptake; event-only customers on request', async () => {
  const s = await segmentsStore();
  // r1 adds p3 to the cart on 20 June and buys it on 21 June (not abandoned), adds p2 and never buys it.
  await s.run(`INSERT INTO events VALUES ('r1','cart_add','p3','2021-06-20',0),('r1','cart_add','p2','2021-06-22',1),
    ('r1','view','p2','2021-05-01',2)`);
  await s.run(`INSERT INTO contacts (customer_id, offer_id, sent_at, channel, "group", line_no) VALUES ('r1','o-a','2021-05-01',NULL,'treatment',0),('r1','o-b','2021-05-01',NULL,'treatment',1),
    ('r1','o-c','2021-05-01',NULL,'control',2),('d1','o-a','2021-08-01',NULL,'treatment',3)`);
  await s.run(`INSERT INTO responses VALUES ('r1','o-a','2021-05-10',10,0)`);
  const f = await features(s, true);
  const b1 = f.get('b1')!;
  assert.deepEqual(
    [b1.frequency, b1.monetary, b1.recency_days, b1.events_30d, b1.views_30d, b1.opens_30d, b1.cart_abandons_30d],
    [0, 0, null, 5, 3, 1, 1],
  );
  assert.deepEqual([b1.engagement_pct, b1.frequency_pct, b1.clv_tier, b1.segment], [1, 0, null, null]);
  const r1 = f.get('r1')!;
  assert.deepEqual([r1.events_30d, r1.cart_abandons_30d, r1.views_30d], [2, 1, 0]);
  assert.deepEqual([r1.offers_contacted, r1.offers_redeemed, r1.offer_uptake], [2, 1, 0.5]);
  assert.deepEqual([f.get('d1')!.offers_contacted, f.get('d1')!.offer_uptake], [0, null], 'a contact after A does not count');
  s.close();
});
