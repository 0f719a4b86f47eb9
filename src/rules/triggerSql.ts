// One trigger as SQL yielding the customer_id of every customer it holds for, as of A (history is
// ts < A). Triggers about a state that lasts (an abandoned cart, a lapse, a first purchase) fire
// once per occurrence: not again while the rule's last firing for the customer is after its start.
// `fired` is the relation of earlier firings (recorded + this run); F the firing instant.
import type { Offer } from '../domain/types.ts';
import { offerProductsSql } from '../offers/offerProductsSql.ts';
import { quoteIdent, quoteLiteral } from '../store/store.ts';
import type { RuleScope, Trigger } from './ruleTypes.ts';

export interface TriggerContext {
  /** SQL of the exclusive history bound (a TIMESTAMP literal). */
  A: string;
  /** SQL of the firing instant. */
  F: string;
  ruleId: string;
  offer: Offer;
  /** Restricts to these customers (real-time evaluation); null = everyone. */
  customers: string[] | null;
}

/** `ts - days` in SQL (days may be fractional). */
export function daysBefore(ts: string, days: number): string {
  return `(${ts} - INTERVAL (${Math.round(days * 86_400)}) SECOND)`;
}

export function inList(values: string[]): string {
  return `(${values.map(quoteLiteral).join(', ')})`;
}

function scopeProductsSql(scope: RuleScope, offer: Offer): string {
  if (scope.kind === 'offer') return `SELECT product_id FROM (${offerProductsSql([offer])})`;
  if (scope.kind === 'attribute') {
    return `SELECT product_id FROM products WHERE ${quoteIdent(scope.attribute)}::VARCHAR = ${quoteLiteral(scope.value)}`;
  }
  return `SELECT unnest([${scope.productIds.map(quoteLiteral).join(', ')}]::VARCHAR[]) AS product_id`;
}

export function triggerSql(t: Trigger, c: TriggerContext): string {
  const { A, F } = c;
  const who = (alias: string) => (c.customers ? ` AND ${alias}.customer_id IN ${inList(c.customers)}` : '');
  const window = (col: string, days: number | null) => (days === null ? '' : ` AND ${col} >= ${daysBefore(A, days)}`);
  const purchases = (alias: string) => `${alias}.kind = 'purchase' AND ${alias}.ts < ${A}${who(alias)}`;
  /** No firing of this rule for the customer since `since` (one firing per occurrence). */
  const notFiredSince = (alias: string, since: string) => `NOT EXISTS (SELECT 1 FROM fired f WHERE f.customer_id = ${alias}.customer_id
      AND f.rule_id = ${quoteLiteral(c.ruleId)} AND f.fired_at >= ${since} AND f.fired_at <= ${F})`;
  switch (t.kind) {
    case 'bought':
      return `SELECT o.customer_id FROM order_lines o
        WHERE ${purchases('o')}${window('o.ts', t.withinDays)} AND o.product_id IN (${scopeProductsSql(t.scope, c.offer)})
        GROUP BY o.customer_id HAVING count(DISTINCT o.order_id) >= ${t.minOrders}`;
    case 'cart_abandoned':
      return `SELECT k.customer_id FROM (
          SELECT e.customer_id, max(e.ts) AS t FROM events e
          WHERE e.type IN ${inList(t.eventTypes)} AND e.ts < ${A}${window('e.ts', t.withinDays)}${who('e')} GROUP BY e.customer_id) k
        WHERE k.t <= ${daysBefore(A, t.noPurchaseWithinDays)}
          AND NOT EXISTS (SELECT 1 FROM order_lines o WHERE o.customer_id = k.customer_id AND o.kind = 'purchase'
            AND o.ts >= k.t AND o.ts < ${A})
          AND ${notFiredSince('k', 'k.t')}`;
    case 'lapsed':
      return `SELECT p.customer_id FROM (
          SELECT customer_id, count(*) AS n, max(t) AS last, median(gap) AS gap FROM (
            SELECT customer_id, t, epoch(t) - lag(epoch(t)) OVER (PARTITION BY customer_id ORDER BY t) AS gap FROM (
              SELECT o.customer_id, o.order_id, min(o.ts) AS t FROM order_lines o WHERE ${purchases('o')} GROUP BY ALL))
          GROUP BY customer_id) p
        WHERE p.n >= ${t.minOrders} AND p.gap > 0 AND epoch(${A}) - epoch(p.last) >= ${t.cycleMultiple} * p.gap
          AND ${notFiredSince('p', 'p.last')}`;
    case 'no_purchase_days':
      return `SELECT p.customer_id FROM (
          SELECT o.customer_id, count(DISTINCT o.order_id) AS n, max(o.ts) AS last FROM order_lines o
          WHERE ${purchases('o')} GROUP BY o.customer_id) p
        WHERE p.n >= ${t.minOrders} AND p.last <= ${daysBefore(A, t.days)} AND ${notFiredSince('p', 'p.last')}`;
    case 'first_purchase':
      return `SELECT p.customer_id FROM (
          SELECT o.customer_id, min(o.ts) AS first FROM order_lines o WHERE ${purchases('o')} GROUP BY o.customer_id) p
        WHERE p.first >= ${daysBefore(A, t.withinDays)} AND ${notFiredSince('p', `TIMESTAMP '0001-01-01'`)}`;
    case 'event':
      return `SELECT e.customer_id FROM events e
        WHERE e.type IN ${inList(t.types)} AND e.ts < ${A}${window('e.ts', t.withinDays)}${who('e')}
          ${t.scope ? `AND e.product_id IN (${scopeProductsSql(t.scope, c.offer)})` : ''}
        GROUP BY e.customer_id HAVING count(*) >= ${t.minCount}`;
  }
}
