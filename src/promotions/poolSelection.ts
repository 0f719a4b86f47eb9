// Which products a promotion pool is built on, pure. Four rules over per-product sales in the
// window W before the as-of date and the window before it:
//   best-sellers  highest revenue in W
//   trending      rising: revenue in W over revenue in the previous window, (r + 1) / (prev + 1) > 1,
//                 among products sold before W (newer ones are 'new')
//   new           first sold within W, highest revenue first
//   phase-out     flagged (a phase-out column) first, then declining velocity: r / prev lowest, prev > 0
// A product is picked once (rules in the order above); at most `perCategory` per category overall,
// so the pool spreads across categories. Ties: product id (code-point order).

export interface ProductSales {
  productId: string;
  category: string | null;
  revenue: number;
  previousRevenue: number;
  /** Epoch ms of the first sale, NaN if never sold. */
  firstSale: number;
  flaggedPhaseOut: boolean;
}

export const POOL_RULES = ['best-sellers', 'trending', 'new', 'phase-out'] as const;
export type PoolRule = (typeof POOL_RULES)[number];

export interface PoolPick {
  productId: string;
  category: string | null;
  rule: PoolRule;
  metric: number;
}

export function poolFromSales(
  sales: ProductSales[],
  counts: Partial<Record<PoolRule, number>>,
  windowStart: number,
  perCategory: number | null,
): PoolPick[] {
  const byId = (a: ProductSales, b: ProductSales) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0);
  const candidates: Record<PoolRule, { s: ProductSales; metric: number }[]> = {
    'best-sellers': sales
      .filter((s) => s.revenue > 0)
      .map((s) => ({ s, metric: s.revenue }))
      .sort((a, b) => b.metric - a.metric || byId(a.s, b.s)),
    trending: sales
      .filter((s) => s.firstSale < windowStart && s.revenue > s.previousRevenue)
      .map((s) => ({ s, metric: (s.revenue + 1) / (s.previousRevenue + 1) }))
      .sort((a, b) => b.metric - a.metric || b.s.revenue - a.s.revenue || byId(a.s, b.s)),
    new: sales
      .filter((s) => s.firstSale >= windowStart)
      .map((s) => ({ s, metric: s.revenue }))
      .sort((a, b) => b.metric - a.metric || byId(a.s, b.s)),
    'phase-out': sales
      .filter((s) => s.flaggedPhaseOut || (s.previousRevenue > 0 && s.revenue < s.previousRevenue))
      .map((s) => ({ s, metric: s.previousRevenue > 0 ? s.revenue / s.previousRevenue : 0 }))
      .sort(
        (a, b) =>
          Number(b.s.flaggedPhaseOut) - Number(a.s.flaggedPhaseOut) ||
          a.metric - b.metric ||
          b.s.previousRevenue - a.s.previousRevenue ||
          byId(a.s, b.s),
      ),
  };
  const taken = new Set<string>(),
    perCat = new Map<string, number>(),
    out: PoolPick[] = [];
  for (const rule of POOL_RULES) {
    let left = counts[rule] ?? 0;
    for (const { s, metric } of candidates[rule]) {
      if (left <= 0) break;
      if (taken.has(s.productId)) continue;
      const cat = s.category ?? '';
      if (perCategory !== null && (perCat.get(cat) ?? 0) >= perCategory) continue;
      taken.add(s.productId);
      perCat.set(cat, (perCat.get(cat) ?? 0) + 1);
      out.push({ productId: s.productId, category: s.category, rule, metric });
      left--;
    }
  }
  return out;
}
