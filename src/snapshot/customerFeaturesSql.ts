// One row per customer with purchase history before the as-of date (and, with `withEventOnly`, every
// customer with events but no purchase yet): computed features, value tier, RFM segment, and every
// customer attribute. The audience filter and the segments run over this relation. Meanings, as of A:
//   recency_days  = days from the last purchase to A;  frequency = distinct orders (0 without any)
//   monetary      = Σ amount;  aov = monetary / frequency;  tenure_days = days since the first purchase
//   clv_tier      = tertile of monetary among buyers (low | mid | high)
//   segment       = RFM segment from recency and frequency quintiles (r, f ∈ 1..5, 5 = best):
//                   champions r≥4 f≥4 · loyal r≥3 f≥4 · potential_loyalists r≥4 f 2–3 · new r≥4 f=1 ·
//                   at_risk r≤2 f≥3 · lost r=1 f≤2 · hibernating r=2 f≤2 · need_attention otherwise
//   purchase_cycle_days = median days between consecutive orders (≥ 2 orders); typical_cycle_days = the
//                   median of that over all buyers; dormancy_ratio = recency_days / (2 × the larger of
//                   own cycle and the 80th percentile of all gaps between consecutive orders), ≥ 2 orders
//   cycle_regularity = 1 − stddev/mean of the gaps (≥ 4 orders), floored at 0: 1 = clockwork
//   season_share  = share of orders in the customer's peak season: the 3-calendar-month window holding
//                   most of their orders; season_years = distinct years with an order in it;
//                   season_score = z-score of that count against an even spread (p = 1/4);
//                   peak_season_month = its first month (1–12); months_to_peak = months until it starts (0 inside)
//   new_buyer_window_days = 80th percentile, over buyers, of the days from first to second order
//   *_pct         = percent rank 0..1 (share of buyers with a strictly lower value; engagement_pct over
//                   every customer with purchases or events)
//   events / views / opens / cart_abandons over the 30 days before A; a cart add counts as abandoned
//   when the same product was not bought within 7 days after it (or an explicit cart_abandon event)
//   offers_contacted / offers_redeemed = distinct offers sent (treatment) / redeemed; offer_uptake = ratio
// Every part is one GROUP BY or window over its table, joined once: cheap on 300k customers.
import { quoteIdent } from '../store/store.ts';
import { COMPUTED_AUDIENCE_FIELDS } from '../audience/audienceFields.ts';

export interface CustomerFeaturesOptions {
  /** Also one row per customer with events but no purchase before the as-of date (frequency 0). */
  withEventOnly?: boolean;
}

/** `customerColumns` = the customers table's columns; `asOfParam` = the SQL text of the as-of timestamp. */
export function customerFeaturesSql(customerColumns: string[], asOfParam = '?::TIMESTAMP', opts: CustomerFeaturesOptions = {}): string {
  const A = asOfParam;
  const computed = new Set(COMPUTED_AUDIENCE_FIELDS.map((f) => f.name));
  const attrs = customerColumns.filter((c) => c !== 'customer_id' && !computed.has(c)).map((c) => `c.${quoteIdent(c)}`);
  const member = customerColumns.includes('is_member') ? `TRY_CAST(c.is_member AS BOOLEAN)` : `NULL::BOOLEAN`;
  return `WITH o AS (
      SELECT customer_id, order_id, min(ts) AS ts, max(ts) AS last_ts, sum(amount) AS amount
      FROM order_lines WHERE kind = 'purchase' AND quantity > 0 AND ts < ${A} GROUP BY customer_id, order_id),
    og AS (SELECT *, date_diff('day', lag(ts) OVER (PARTITION BY customer_id ORDER BY ts, order_id), ts) AS gap FROM o),
    h AS (
      SELECT customer_id, max(last_ts) AS last_ts, min(ts) AS first_ts, count(*) AS frequency, sum(amount) AS monetary,
        median(gap) AS cycle, avg(gap) AS gap_mean, stddev_samp(gap) AS gap_sd, count(gap) AS n_gaps,
        count(*) FILTER (WHERE ts >= ${A} - INTERVAL 365 DAY) AS orders_365d,
        arg_min(gap, ts) FILTER (WHERE gap IS NOT NULL) AS second_gap
      FROM og GROUP BY customer_id),
    g AS (SELECT quantile_cont(gap, 0.8) AS gap_p80 FROM og),
    -- Seasons: each order counts in the three 3-month windows holding its month (w = the window's
    -- first month, 0..11; sy = the year that window starts in); the peak is the window with most orders.
    -- Ties go to more years, then to the window centred on the orders (most in its middle month).
    sw AS (SELECT customer_id, k, (month(ts) + 11 - k) % 12 AS w, year(ts) - CASE WHEN month(ts) - 1 - k < 0 THEN 1 ELSE 0 END AS sy
      FROM o CROSS JOIN (SELECT range AS k FROM range(3))),
    sp AS (SELECT customer_id, w, count(*) AS n, count(DISTINCT sy) AS years, count(*) FILTER (WHERE k = 1) AS mid
      FROM sw GROUP BY customer_id, w),
    pk AS (SELECT customer_id, max(n) AS peak_n, arg_max(w, [n, years, mid, -w]) AS peak_w,
        arg_max(years, [n, years, mid, -w]) AS peak_years FROM sp GROUP BY customer_id),
    tc AS (SELECT median(cycle) AS typical_cycle, quantile_cont(second_gap, 0.8) AS second_p80 FROM h WHERE n_gaps > 0),
    q AS (
      SELECT h.*, pk.peak_n, pk.peak_w, pk.peak_years, date_diff('day', last_ts, ${A}) AS recency_days,
        6 - ntile(5) OVER (ORDER BY last_ts DESC, h.customer_id) AS r_score,
        6 - ntile(5) OVER (ORDER BY frequency DESC, h.customer_id) AS f_score,
        ntile(3) OVER (ORDER BY monetary, h.customer_id) AS m_tier,
        percent_rank() OVER (ORDER BY monetary) AS monetary_pct,
        percent_rank() OVER (ORDER BY frequency) AS frequency_pct,
        percent_rank() OVER (ORDER BY last_ts) AS recency_pct
      FROM h LEFT JOIN pk ON pk.customer_id = h.customer_id),
    ev AS (
      SELECT customer_id, count(*) FILTER (WHERE ts >= ${A} - INTERVAL 30 DAY) AS events_30d,
        count(*) FILTER (WHERE ts >= ${A} - INTERVAL 30 DAY AND type = 'view') AS views_30d,
        count(*) FILTER (WHERE ts >= ${A} - INTERVAL 30 DAY AND type IN ('email_open', 'open')) AS opens_30d,
        count(*) FILTER (WHERE ts >= ${A} - INTERVAL 30 DAY AND type = 'cart_abandon') AS abandon_events
      FROM events WHERE ts < ${A} GROUP BY customer_id),
    ca AS (
      SELECT e.customer_id, count(*) AS inferred FROM events e
      WHERE e.type IN ('cart_add', 'add_to_cart') AND e.ts >= ${A} - INTERVAL 30 DAY AND e.ts < ${A}
        AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.customer_id = e.customer_id AND l.product_id = e.product_id
          AND l.kind = 'purchase' AND l.ts >= e.ts AND l.ts < e.ts + INTERVAL 7 DAY AND l.ts < ${A})
      GROUP BY e.customer_id),
    ct AS (SELECT customer_id, count(DISTINCT offer_id) AS contacted FROM contacts
      WHERE sent_at < ${A} AND "group" = 'treatment' GROUP BY customer_id),
    rs AS (SELECT customer_id, count(DISTINCT offer_id) AS redeemed FROM responses WHERE redeemed_at < ${A} GROUP BY customer_id),
    p AS (
      SELECT coalesce(q.customer_id, ev.customer_id) AS customer_id, q.* EXCLUDE (customer_id),
        coalesce(ev.events_30d, 0) AS events_30d, coalesce(ev.views_30d, 0) AS views_30d, coalesce(ev.opens_30d, 0) AS opens_30d,
        greatest(coalesce(ev.abandon_events, 0), coalesce(ca.inferred, 0)) AS cart_abandons_30d,
        percent_rank() OVER (ORDER BY coalesce(ev.events_30d, 0)) AS engagement_pct
      FROM q FULL JOIN ev ON ev.customer_id = q.customer_id LEFT JOIN ca ON ca.customer_id = ev.customer_id)
    SELECT p.customer_id, p.recency_days::DOUBLE AS recency_days, coalesce(p.frequency, 0)::DOUBLE AS frequency,
      coalesce(p.monetary, 0)::DOUBLE AS monetary, (p.monetary / p.frequency)::DOUBLE AS aov,
      date_diff('day', p.first_ts, ${A})::DOUBLE AS tenure_days,
      CASE p.m_tier WHEN 1 THEN 'low' WHEN 2 THEN 'mid' WHEN 3 THEN 'high' END AS clv_tier,
      CASE WHEN p.frequency IS NULL THEN NULL
           WHEN r_score >= 4 AND f_score >= 4 THEN 'champions'
           WHEN r_score >= 3 AND f_score >= 4 THEN 'loyal'
           WHEN r_score >= 4 AND f_score BETWEEN 2 AND 3 THEN 'potential_loyalists'
           WHEN r_score >= 4 AND f_score = 1 THEN 'new'
           WHEN r_score <= 2 AND f_score >= 3 THEN 'at_risk'
           WHEN r_score = 1 THEN 'lost'
           WHEN r_score = 2 THEN 'hibernating'
           ELSE 'need_attention' END AS segment,
      ${member} AS is_member, p.last_ts::DATE AS last_purchase_date,
      p.cycle::DOUBLE AS purchase_cycle_days, tc.typical_cycle::DOUBLE AS typical_cycle_days,
      CASE WHEN p.frequency >= 2 THEN p.recency_days
        / NULLIF(2 * greatest(p.cycle, g.gap_p80), 0) END::DOUBLE AS dormancy_ratio,
      CASE WHEN p.n_gaps >= 3 AND p.gap_mean > 0 THEN greatest(0, 1 - p.gap_sd / p.gap_mean) END::DOUBLE AS cycle_regularity,
      (p.peak_n / p.frequency)::DOUBLE AS season_share, p.peak_years::DOUBLE AS season_years,
      ((p.peak_n - 0.25 * p.frequency) / sqrt(0.1875 * p.frequency))::DOUBLE AS season_score,
      (p.peak_w + 1)::DOUBLE AS peak_season_month,
      CASE WHEN (p.peak_w - month(${A}) + 13) % 12 >= 10 THEN 0 ELSE (p.peak_w - month(${A}) + 13) % 12 END::DOUBLE AS months_to_peak,
      tc.second_p80::DOUBLE AS new_buyer_window_days,
      p.orders_365d::DOUBLE AS orders_365d,
      p.monetary_pct::DOUBLE AS monetary_pct, coalesce(p.frequency_pct, 0)::DOUBLE AS frequency_pct,
      p.recency_pct::DOUBLE AS recency_pct, p.engagement_pct::DOUBLE AS engagement_pct,
      p.events_30d::DOUBLE AS events_30d, p.views_30d::DOUBLE AS views_30d, p.opens_30d::DOUBLE AS opens_30d,
      p.cart_abandons_30d::DOUBLE AS cart_abandons_30d,
      coalesce(ct.contacted, 0)::DOUBLE AS offers_contacted, coalesce(rs.redeemed, 0)::DOUBLE AS offers_redeemed,
      CASE WHEN ct.contacted > 0 THEN least(1, coalesce(rs.redeemed, 0) / ct.contacted) END::DOUBLE AS offer_uptake
      ${attrs.length ? ', ' + attrs.join(', ') : ''}
    FROM p CROSS JOIN g CROSS JOIN tc LEFT JOIN ct ON ct.customer_id = p.customer_id
      LEFT JOIN rs ON rs.customer_id = p.customer_id LEFT JOIN customers c ON c.customer_id = p.customer_id
    ${opts.withEventOnly ? '' : 'WHERE p.frequency IS NOT NULL'}`;
}
