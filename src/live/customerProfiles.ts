// Every customer's profile in memory for GET /v1/customers/:id: attributes, the computed features
// (recency, frequency, monetary, AOV, tenure, CLV tier) and RFM segment as of the default as-of
// (the audience's customer features SQL), and a history summary over all purchase lines, real-time
// ones included (orders, revenue, first and last purchase, top product families by revenue).
import { customerFeaturesSql } from '../snapshot/customerFeaturesSql.ts';
import { defaultAsOf, isoLocal } from '../snapshot/interactions.ts';
import { plainJson } from '../ops/op.ts';
import { getHierarchy } from '../store/meta.ts';
import { quoteIdent, type Store } from '../store/store.ts';

export interface HistorySummary {
  orders: number;
  revenue: number;
  firstPurchase: string | null;
  lastPurchase: string | null;
  topFamilies: string[];
}

export interface CustomerProfile {
  customerId: string;
  asOf: string | null;
  attributes: Record<string, unknown>;
  features: { recency_days: number; frequency: number; monetary: number; aov: number; tenure_days: number; clv_tier: string } | null;
  segment: string | null;
  history: HistorySummary;
}

const FEATURES = ['recency_days', 'frequency', 'monetary', 'aov', 'tenure_days', 'clv_tier'] as const;
/** Money and ratios to the cent (sums of doubles carry float noise); other values as they are. */
const cents = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v);
const EMPTY: HistorySummary = { orders: 0, revenue: 0, firstPurchase: null, lastPurchase: null, topFamilies: [] };

/** The product attribute summarised as "families": the last declared hierarchy level, else a `family` column. */
async function familyColumn(store: Store): Promise<string | null> {
  const cols = (
    await store.all<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'products'`)
  ).map((c) => c.name);
  const level = (await getHierarchy(store)).at(-1);
  if (level && cols.includes(level)) return level;
  return cols.includes('family') ? 'family' : null;
}

/** History summaries of the given customers (all when null), in one query. */
export async function historySummaries(store: Store, customerIds: string[] | null): Promise<Map<string, HistorySummary>> {
  const fam = await familyColumn(store);
  const famExpr = fam ? `p.${quoteIdent(fam)}::VARCHAR` : 'NULL::VARCHAR';
  const only = customerIds ? `AND l.customer_id IN (${customerIds.map(() => '?').join(', ') || 'NULL'})` : '';
  type Row = { customer_id: string; orders: number; revenue: number; first_ts: string | null; last_ts: string | null; fams: string | null };
  const rows = await store.all<Row>(
    `WITH l AS (SELECT l.customer_id, l.order_id, l.amount, l.ts, ${famExpr} AS fam FROM order_lines l LEFT JOIN products p USING (product_id)
                WHERE l.kind = 'purchase' AND l.quantity > 0 ${only}),
          f AS (SELECT customer_id, fam, row_number() OVER (PARTITION BY customer_id ORDER BY sum(amount) DESC, fam) AS rn
                FROM l WHERE fam IS NOT NULL GROUP BY customer_id, fam)
     SELECT s.*, t.fams FROM (
       SELECT customer_id, count(DISTINCT order_id)::DOUBLE AS orders, sum(amount)::DOUBLE AS revenue,
         strftime(min(ts), '%Y-%m-%dT%H:%M:%S') AS first_ts, strftime(max(ts), '%Y-%m-%dT%H:%M:%S') AS last_ts FROM l GROUP BY customer_id) s
     LEFT JOIN (SELECT customer_id, string_agg(fam, chr(31) ORDER BY rn) AS fams FROM f WHERE rn <= 3 GROUP BY customer_id) t USING (customer_id)`,
    customerIds ?? [],
  );
  return new Map(
    rows.map((r) => [
      r.customer_id,
      {
        orders: r.orders,
        revenue: Math.round(r.revenue * 100) / 100,
        firstPurchase: r.first_ts,
        lastPurchase: r.last_ts,
        topFamilies: r.fams ? r.fams.split('\u001f') : [],
      },
    ]),
  );
}

export class CustomerProfiles {
  private constructor(
    private readonly byId: Map<string, CustomerProfile>,
    readonly asOf: string | null,
  ) {}

  static async load(store: Store): Promise<CustomerProfiles> {
    const asOf = await defaultAsOf(store);
    const columns = (
      await store.all<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'customers' ORDER BY ordinal_position`,
      )
    ).map((c) => c.name);
    const attrs = plainJson(await store.all<Record<string, unknown>>(`SELECT * FROM customers`));
    const feats = asOf
      ? plainJson(await store.all<Record<string, unknown>>(customerFeaturesSql(columns, '$1::TIMESTAMP'), [isoLocal(asOf)]))
      : [];
    const history = await historySummaries(store, null);
    const featById = new Map(feats.map((f) => [f.customer_id as string, f]));
    const asOfText = asOf ? isoLocal(asOf).slice(0, 10) : null;
    const byId = new Map<string, CustomerProfile>();
    for (const a of attrs) {
      const id = a.customer_id as string;
      const f = featById.get(id);
      const { customer_id: _, ...attributes } = a;
      byId.set(id, {
        customerId: id,
        asOf: asOfText,
        attributes,
        features: f ? (Object.fromEntries(FEATURES.map((k) => [k, cents(f[k])])) as CustomerProfile['features']) : null,
        segment: (f?.segment as string | undefined) ?? null,
        history: history.get(id) ?? EMPTY,
      });
    }
    return new CustomerProfiles(byId, asOfText);
  }

  get(customerId: string): CustomerProfile | undefined {
    return this.byId.get(customerId);
  }

  has(customerId: string): boolean {
    return this.byId.has(customerId);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Customers just created by real-time lines or events: known at once, summaries to follow. */
  ensure(customerIds: string[]): void {
    for (const id of customerIds) {
      if (!this.byId.has(id))
        this.byId.set(id, { customerId: id, asOf: this.asOf, attributes: {}, features: null, segment: null, history: EMPTY });
    }
  }

  /** After real-time lines: the history summaries are re-read; features stay as of the as-of. */
  async refreshHistory(store: Store, customerIds: string[]): Promise<void> {
    this.ensure(customerIds);
    const history = await historySummaries(store, customerIds);
    for (const id of customerIds) this.byId.set(id, { ...this.byId.get(id)!, history: history.get(id) ?? EMPTY });
  }
}
