// One row per customer with purchase history before the as-of date: computed RFM features, value
// tier, RFM segment, and every customer attribute. The audience filter runs over this relation.
//   recency_days  = days from the last purchase to the as-of date
//   frequency     = distinct orders;  monetary = Σ amount;  aov = monetary / frequency
//   tenure_days   = days from the first purchase to the as-of date
//   clv_tier      = tertile of monetary among these customers (low | mid | high)
//   segment       = RFM segment from recency and frequency quintiles (r, f ∈ 1..5, 5 = best):
//                   champions r≥4 f≥4 · loyal r≥3 f≥4 · potential_loyalists r≥4 f 2–3 · new r≥4 f=1 ·
//                   at_risk r≤2 f≥3 · lost r=1 f≤2 · hibernating r=2 f≤2 · need_attention otherwise
import { quoteIdent } from '../store/store.ts';
import { COMPUTED_AUDIENCE_FIELDS } from '../audience/audienceFields.ts';

/** `customerColumns` = the customers table's columns; `asOfParam` = the SQL text of the as-of timestamp. */
export function customerFeaturesSql(customerColumns: string[], asOfParam = '?::TIMESTAMP'): string {
  const computed = new Set(COMPUTED_AUDIENCE_FIELDS.map((f) => f.name));
  const attrs = customerColumns.filter((c) => c !== 'customer_id' && !computed.has(c)).map((c) => `c.${quoteIdent(c)}`);
  const member = customerColumns.includes('is_member') ? `TRY_CAST(c.is_member AS BOOLEAN)` : `NULL::BOOLEAN`;
  return `WITH h AS (
      SELECT customer_id, max(ts) AS last_ts, min(ts) AS first_ts, count(DISTINCT order_id) AS frequency, sum(amount) AS monetary
      FROM order_lines WHERE kind = 'purchase' AND quantity > 0 AND ts < ${asOfParam} GROUP BY customer_id),
    q AS (
      SELECT *, date_diff('day', last_ts, ${asOfParam}) AS recency_days,
        6 - ntile(5) OVER (ORDER BY last_ts DESC, customer_id) AS r_score,
        6 - ntile(5) OVER (ORDER BY frequency DESC, customer_id) AS f_score,
        ntile(3) OVER (ORDER BY monetary, customer_id) AS m_tier
      FROM h)
    SELECT q.customer_id, q.recency_days::DOUBLE AS recency_days, q.frequency::DOUBLE AS frequency,
      q.monetary::DOUBLE AS monetary, (q.monetary / q.frequency)::DOUBLE AS aov,
      date_diff('day', q.first_ts, ${asOfParam})::DOUBLE AS tenure_days,
      CASE q.m_tier WHEN 1 THEN 'low' WHEN 2 THEN 'mid' ELSE 'high' END AS clv_tier,
      CASE WHEN r_score >= 4 AND f_score >= 4 THEN 'champions'
           WHEN r_score >= 3 AND f_score >= 4 THEN 'loyal'
           WHEN r_score >= 4 AND f_score BETWEEN 2 AND 3 THEN 'potential_loyalists'
           WHEN r_score >= 4 AND f_score = 1 THEN 'new'
           WHEN r_score <= 2 AND f_score >= 3 THEN 'at_risk'
           WHEN r_score = 1 THEN 'lost'
           WHEN r_score = 2 THEN 'hibernating'
           ELSE 'need_attention' END AS segment,
      ${member} AS is_member, q.last_ts::DATE AS last_purchase_date${attrs.length ? ', ' + attrs.join(', ') : ''}
    FROM q LEFT JOIN customers c USING (customer_id)`;
}
