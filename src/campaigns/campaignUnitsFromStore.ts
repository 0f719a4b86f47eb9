// Outcomes of one campaign's contacts (docs/experiments.md "Attribution"), as typed arrays, one
// entry per contact unit (customer × offer × send) of either arm:
// - a contact's window is [sent_at, sent_at + w), w = the offer's attribution_days, else the report's window;
// - every purchase line inside the windows of several contacts (of any campaign, either arm: a control
//   contact is where the customer would have been touched) is credited to one send: the latest one
//   before it (last touch, default) or the earliest (first touch); ties go to the lower campaign id;
// - conversion: a purchase credited to the unit's send within its window; revenue and orders: those lines;
// - uptake: a redemption of the offer (responses, credited to one contact of that offer by the same
//   touch rule) when the campaign's offers have responses, else a credited purchase in the offer's scope;
// - churned: no purchase at all in [sent_at, sent_at + churnDays) (NaN when the data ends earlier);
// - prior: the customer's earlier treated contacts with the same offer (for fatigue).
import type { Offer } from '../domain/types.ts';
import { offerProductsSql } from '../offers/offerProductsSql.ts';
import type { Store } from '../store/store.ts';
import { DAY } from '../math/day.ts';
import { TOUCHES_SQL } from './touchesSql.ts';

export interface CampaignUnits {
  n: number;
  customer: string[];
  offer: string[];
  segment: string[];
  priority: Int32Array;
  /** epoch ms */
  sentAt: Float64Array;
  /** Send index of the unit (one per customer × send time): customer-level analyses group by it. */
  send: Int32Array;
  treated: Uint8Array;
  converted: Uint8Array;
  uptake: Uint8Array;
  revenue: Float64Array;
  /** Credited revenue in the offer's scope (what a discount on the offer applies to). */
  scopeRevenue: Float64Array;
  orders: Float64Array;
  /** 1/0, or NaN where the data do not reach sent_at + churnDays (stored as Float64Array). */
  churned: Float64Array;
  prior: Int32Array;
  /** Credited purchase lines of each send (for the timeline): send index, day since the send, amount. */
  lines: { send: Int32Array; day: Int32Array; amount: Float64Array };
  uptakeSource: 'responses' | 'purchases';
  /** Latest order line in the store (epoch ms), which bounds how complete the windows are. */
  dataEnd: number;
}

export interface UnitOptions {
  windowDays: number;
  attribution: 'last' | 'first';
  churnDays: number;
}

let seq = 0;

/** All touches of the campaign's customers: contacts of every campaign and rule firings, both arms. */
const TOUCHES = `SELECT customer_id, offer_id, sent_at, coalesce(campaign_id, '') AS campaign_id, arm FROM (${TOUCHES_SQL})`;

export async function campaignUnitsFromStore(store: Store, campaignId: string, offers: Offer[], o: UnitOptions): Promise<CampaignUnits> {
  const n_ = ++seq;
  const T = { u: `_cu${n_}`, t: `_ct${n_}`, l: `_cl${n_}`, c: `_cc${n_}`, op: `_cop${n_}` };
  const dir = o.attribution === 'last' ? 'DESC' : 'ASC';
  const W = `coalesce(f.attribution_days, ${o.windowDays})`;
  try {
    await store.run(
      `CREATE OR REPLACE TEMP TABLE ${T.u} AS
       SELECT (row_number() OVER (ORDER BY x.customer_id, x.sent_at, x.priority NULLS LAST, x.offer_id) - 1)::INTEGER AS k,
         (dense_rank() OVER (ORDER BY x.customer_id, x.sent_at) - 1)::INTEGER AS send, x.*,
         x.sent_at + to_days(${W}::INTEGER) AS ends
       FROM (SELECT customer_id, offer_id, sent_at, arm, min(priority) AS priority, any_value(segment) AS segment
         FROM (${TOUCHES_SQL}) WHERE campaign_id = ? GROUP BY ALL) x LEFT JOIN offers f USING (offer_id)`,
      [campaignId],
    );
    await store.run(
      `CREATE OR REPLACE TEMP TABLE ${T.t} AS SELECT DISTINCT t.customer_id, t.offer_id, t.campaign_id, t.sent_at, t.arm,
         t.sent_at + to_days(${W}::INTEGER) AS ends
       FROM (${TOUCHES}) t LEFT JOIN offers f USING (offer_id) WHERE t.customer_id IN (SELECT customer_id FROM ${T.u})`,
    );
    // Purchase lines inside some touch's window, each credited to one send (campaign, sent_at).
    await store.run(
      `CREATE OR REPLACE TEMP TABLE ${T.l} AS
       SELECT * FROM (
         SELECT l.customer_id, l.order_id, l.product_id, l.line_no, l.ts, l.amount, t.campaign_id, t.sent_at,
           row_number() OVER (PARTITION BY l.order_id, l.product_id, l.line_no ORDER BY t.sent_at ${dir}, t.campaign_id) AS pick
         FROM order_lines l JOIN (SELECT DISTINCT customer_id, campaign_id, sent_at, max(ends) OVER (PARTITION BY customer_id, campaign_id, sent_at) AS ends
                                  FROM ${T.t}) t
           ON t.customer_id = l.customer_id AND l.ts >= t.sent_at AND l.ts < t.ends
         WHERE l.kind = 'purchase') WHERE pick = 1 AND campaign_id = ?`,
      [campaignId],
    );
    await store.run(`CREATE OR REPLACE TEMP TABLE ${T.op} AS ${offerProductsSql(offers)}`);
    // Redemptions credited to one contact of the offer by the same touch rule.
    await store.run(
      `CREATE OR REPLACE TEMP TABLE ${T.c} AS
       SELECT * FROM (
         SELECT r.customer_id, r.offer_id, t.campaign_id, t.sent_at,
           row_number() OVER (PARTITION BY r.customer_id, r.offer_id, r.redeemed_at, r.line_no ORDER BY t.sent_at ${dir}, t.campaign_id) AS pick
         FROM responses r JOIN ${T.t} t ON t.customer_id = r.customer_id AND t.offer_id = r.offer_id
           AND r.redeemed_at >= t.sent_at AND r.redeemed_at < t.ends) WHERE pick = 1 AND campaign_id = ?`,
      [campaignId],
    );
    const hasResponses = !!(await store.one(`SELECT 1 FROM ${T.c} LIMIT 1`));
    const end = await store.one<{ e: number | null }>(`SELECT epoch_ms(max(ts))::DOUBLE AS e FROM order_lines`);
    const dataEnd = end?.e ?? 0;
    const cols = await store.columns(
      `SELECT u.k, u.send, u.customer_id, u.offer_id, coalesce(u.segment, '') AS segment, coalesce(u.priority, 0)::INTEGER AS priority,
         epoch_ms(u.sent_at)::DOUBLE AS sent, CASE WHEN u.arm = 'control' THEN 0 ELSE 1 END::INTEGER AS treated,
         coalesce(b.lines, 0)::INTEGER AS lines, coalesce(b.revenue, 0)::DOUBLE AS revenue, coalesce(b.orders, 0)::DOUBLE AS orders,
         coalesce(s.n, 0)::INTEGER AS in_scope, coalesce(s.amount, 0)::DOUBLE AS scope_revenue, coalesce(rr.n, 0)::INTEGER AS redeemed,
         (SELECT count(*) FROM order_lines a WHERE a.customer_id = u.customer_id AND a.kind = 'purchase'
            AND a.ts >= u.sent_at AND a.ts < u.sent_at + INTERVAL ${o.churnDays} DAY)::INTEGER AS later,
         (SELECT count(*) FROM ${T.t} p WHERE p.customer_id = u.customer_id AND p.offer_id = u.offer_id AND p.arm = 'treatment'
            AND p.sent_at < u.sent_at)::INTEGER AS prior
       FROM ${T.u} u
       LEFT JOIN (SELECT l.customer_id, l.sent_at, u2.k, count(*) AS lines, sum(l.amount) AS revenue, count(DISTINCT l.order_id) AS orders
                  FROM ${T.l} l JOIN ${T.u} u2 ON u2.customer_id = l.customer_id AND u2.sent_at = l.sent_at AND l.ts < u2.ends
                  GROUP BY ALL) b ON b.k = u.k
       LEFT JOIN (SELECT u3.k, count(*) AS n, sum(l.amount) AS amount FROM ${T.l} l JOIN ${T.u} u3 ON u3.customer_id = l.customer_id AND u3.sent_at = l.sent_at
                    AND l.ts < u3.ends JOIN ${T.op} op ON op.offer_id = u3.offer_id AND op.product_id = l.product_id GROUP BY ALL) s ON s.k = u.k
       LEFT JOIN (SELECT c.customer_id, c.offer_id, c.sent_at, count(*) AS n FROM ${T.c} c GROUP BY ALL) rr
         ON rr.customer_id = u.customer_id AND rr.offer_id = u.offer_id AND rr.sent_at = u.sent_at
       ORDER BY u.k`,
      {
        k: 'i32',
        send: 'i32',
        customer_id: 'str',
        offer_id: 'str',
        segment: 'str',
        priority: 'i32',
        sent: 'f64',
        treated: 'i32',
        lines: 'i32',
        revenue: 'f64',
        orders: 'f64',
        in_scope: 'i32',
        scope_revenue: 'f64',
        redeemed: 'i32',
        later: 'i32',
        prior: 'i32',
      },
    );
    const lines = await store.columns(
      `SELECT DISTINCT ON (l.order_id, l.product_id, l.line_no) u.send,
         floor(epoch_ms(l.ts - l.sent_at) / ${DAY})::INTEGER AS day, l.amount
       FROM ${T.l} l JOIN ${T.u} u ON u.customer_id = l.customer_id AND u.sent_at = l.sent_at`,
      { send: 'i32', day: 'i32', amount: 'f64' },
    );
    const n = cols.k.length;
    const churnEnd = o.churnDays * DAY;
    return {
      n,
      customer: cols.customer_id,
      offer: cols.offer_id,
      segment: cols.segment,
      priority: cols.priority,
      sentAt: cols.sent,
      send: cols.send,
      treated: Uint8Array.from(cols.treated),
      converted: Uint8Array.from(cols.lines, (x) => (x > 0 ? 1 : 0)),
      uptake: Uint8Array.from(hasResponses ? cols.redeemed : cols.in_scope, (x) => (x > 0 ? 1 : 0)),
      revenue: cols.revenue,
      scopeRevenue: cols.scope_revenue,
      orders: cols.orders,
      churned: Float64Array.from(cols.later, (x, i) => (cols.sent[i] + churnEnd > dataEnd ? NaN : x > 0 ? 0 : 1)),
      prior: cols.prior,
      lines,
      uptakeSource: hasResponses ? 'responses' : 'purchases',
      dataEnd,
    };
  } finally {
    for (const t of Object.values(T)) await store.run(`DROP TABLE IF EXISTS ${t}`);
  }
}
