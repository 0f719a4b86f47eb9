// Recorded firings, newest first, filtered by customer and/or rule; and firing counts per rule.
import type { Store } from '../store/store.ts';

export interface FiringRow {
  customer_id: string;
  rule: string;
  offer_id: string;
  fired_at: string;
  source: string;
  rule_set: string;
  recorded_at: string;
}

const COLUMNS = `customer_id, rule_id AS rule, offer_id, strftime(fired_at, '%Y-%m-%d %H:%M:%S') AS fired_at, source, rule_set,
  strftime(recorded_at, '%Y-%m-%d %H:%M:%S') AS recorded_at`;

export async function firingsPage(
  store: Store,
  f: { customer?: string; rule?: string; limit: number; offset: number },
): Promise<{ total: number; firings: FiringRow[] }> {
  const where: string[] = [];
  const params: string[] = [];
  if (f.customer !== undefined) {
    where.push('customer_id = ?');
    params.push(f.customer);
  }
  if (f.rule !== undefined) {
    where.push('rule_id = ?');
    params.push(f.rule);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM rule_firings ${w}`, params);
  const firings = await store.all<FiringRow>(
    `SELECT ${COLUMNS} FROM rule_firings ${w}
    ORDER BY fired_at DESC, recorded_at DESC, rule_id, customer_id LIMIT ${f.limit} OFFSET ${f.offset}`,
    params,
  );
  return { total: Number(total!.n), firings };
}

export interface RuleCount {
  rule: string;
  firings: number;
  customers: number;
  lastFiredAt: string | null;
  bySource: Record<string, number>;
}

export async function firingCountsByRule(store: Store): Promise<Map<string, RuleCount>> {
  const rows = await store.all<{ rule: string; source: string; n: bigint; customers: bigint; last: string }>(
    `SELECT rule_id AS rule, source, count(*) AS n, count(DISTINCT customer_id) AS customers,
       strftime(max(fired_at), '%Y-%m-%d %H:%M:%S') AS last FROM rule_firings GROUP BY rule_id, source`,
  );
  const per = await store.all<{ rule: string; customers: bigint }>(
    `SELECT rule_id AS rule, count(DISTINCT customer_id) AS customers FROM rule_firings GROUP BY rule_id`,
  );
  const out = new Map<string, RuleCount>();
  for (const r of rows) {
    const c = out.get(r.rule) ?? { rule: r.rule, firings: 0, customers: 0, lastFiredAt: null, bySource: {} };
    c.firings += Number(r.n);
    c.bySource[r.source] = Number(r.n);
    if (!c.lastFiredAt || r.last > c.lastFiredAt) c.lastFiredAt = r.last;
    out.set(r.rule, c);
  }
  for (const p of per) out.get(p.rule)!.customers = Number(p.customers);
  return out;
}
