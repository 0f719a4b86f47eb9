// `promotions build`: a pool of single-product promotions picked by the rules of poolSelection.ts
// from sales before the as-of date, spread across categories, stored in one transaction.
import { UserError } from '../domain/errors.ts';
import { windowDaysFromArg } from '../offers/offerRevenue.ts';
import { defaultAsOf, isoLocal, parseDateArg } from '../snapshot/interactions.ts';
import { getHierarchy } from '../store/meta.ts';
import { quoteIdent, type Store } from '../store/store.ts';
import { poolFromSales, type PoolRule } from './poolSelection.ts';
import type { Promotion, PromotionMechanism } from './promotion.ts';
import { mechanismValueProblem } from './promotionFromRecord.ts';
import { upsertPromotions } from './promotionTable.ts';
import { mechanismText } from './promotionValue.ts';
import { DAY } from '../math/day.ts';

export interface PoolBuildOptions {
  counts: Partial<Record<PoolRule, number>>;
  /** At most this many promotions per category; null = no cap. */
  perCategory: number | null;
  /** Product column holding the category; default the lowest declared hierarchy level, else 'category'. */
  categoryAttribute: string | null;
  window: string;
  asOf: string | null;
  mechanism: PromotionMechanism;
  value: number | null;
  validFrom: string | null;
  validTo: string | null;
  channel: string;
  cost: number | null;
  stock: number | null;
  budget: number | null;
  dryRun: boolean;
}

/** Product columns that flag a product being phased out (any truthy value). */
const PHASE_OUT_COLUMNS = ['phase_out', 'phased_out', 'discontinued'];

export async function buildPromotionPool(store: Store, o: PoolBuildOptions) {
  const why = mechanismValueProblem(o.mechanism, o.value);
  if (why) throw new UserError(`value: ${why}`);
  const days = windowDaysFromArg(o.window);
  if (days === null) throw new UserError('--window all has no "previous window" to compare: use e.g. 90d');
  const asOf = o.asOf ? parseDateArg(o.asOf) : await defaultAsOf(store);
  if (!asOf) throw new UserError('no order lines stored: import order_lines before building a promotion pool');
  const cols = new Set(
    (await store.all<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'products'`)).map(
      (c) => c.name,
    ),
  );
  const hierarchy = await getHierarchy(store);
  const category = o.categoryAttribute ?? [...hierarchy].reverse().find((c) => cols.has(c)) ?? (cols.has('category') ? 'category' : null);
  if (category && !cols.has(category)) throw new UserError(`--category-attribute: '${category}' is not a product column`);
  if (o.perCategory !== null && !category) {
    throw new UserError('--per-category needs a category column: declare a hierarchy or give --category-attribute');
  }
  const flag = PHASE_OUT_COLUMNS.filter((c) => cols.has(c)).map((c) => `coalesce(TRY_CAST(p.${quoteIdent(c)} AS BOOLEAN), false)`);
  const start = asOf.getTime() - days * DAY,
    prevStart = start - days * DAY;
  type Row = {
    product_id: string;
    name: string | null;
    category: string | null;
    revenue: number;
    previous: number;
    first: Date | null;
    flagged: boolean;
  };
  const rows = await store.all<Row>(
    // revenue net of returns (return lines carry negative amounts): a wholesale order cancelled the
    // next day (Online Retail's 80,995 paper crafts) is not a best seller
    `WITH s AS (SELECT product_id, min(ts) FILTER (WHERE kind = 'purchase' AND quantity > 0) AS first,
        coalesce(sum(amount) FILTER (WHERE ts >= ?::TIMESTAMP), 0)::DOUBLE AS revenue,
        coalesce(sum(amount) FILTER (WHERE ts >= ?::TIMESTAMP AND ts < ?::TIMESTAMP), 0)::DOUBLE AS previous
      FROM order_lines WHERE ts < ?::TIMESTAMP GROUP BY product_id)
     SELECT p.product_id, p.name, ${category ? `p.${quoteIdent(category)}::VARCHAR` : 'NULL'} AS category,
       coalesce(s.revenue, 0) AS revenue, coalesce(s.previous, 0) AS previous, s.first,
       ${flag.length ? flag.join(' OR ') : 'false'} AS flagged
     FROM products p LEFT JOIN s USING (product_id) ORDER BY p.product_id`,
    [isoLocal(new Date(start)), isoLocal(new Date(prevStart)), isoLocal(new Date(start)), isoLocal(asOf)],
  );
  const names = new Map(rows.map((r) => [r.product_id, r.name ?? r.product_id]));
  const picks = poolFromSales(
    rows.map((r) => ({
      productId: r.product_id,
      category: r.category,
      revenue: r.revenue,
      previousRevenue: r.previous,
      firstSale: r.first ? new Date(r.first).getTime() : NaN,
      flaggedPhaseOut: r.flagged,
    })),
    o.counts,
    start,
    o.perCategory,
  );
  const terms = mechanismText(o.mechanism, o.value);
  const promotions: Promotion[] = picks.map((p) => ({
    promotionId: `${p.rule}-${p.productId}`,
    name: `${terms} ${names.get(p.productId)}`,
    scope: { kind: 'products', productIds: [p.productId] },
    mechanism: o.mechanism,
    value: o.value,
    validFrom: o.validFrom ? parseDateArg(o.validFrom) : null,
    validTo: o.validTo ? parseDateArg(o.validTo) : null,
    channel: o.channel,
    level: 'all',
    audience: null,
    customerIds: null,
    cost: o.cost,
    pointCost: null,
    redemptionCost: null,
    stock: o.stock,
    budget: o.budget,
    source: p.rule,
  }));
  if (!o.dryRun && promotions.length) await store.transaction(() => upsertPromotions(store, promotions));
  return {
    asOf: asOf.toISOString(),
    window: o.window,
    categoryAttribute: category,
    stored: !o.dryRun,
    promotions: picks.map((p, i) => ({
      promotionId: promotions[i].promotionId,
      rule: p.rule,
      productId: p.productId,
      category: p.category,
      metric: p.metric,
    })),
  };
}
