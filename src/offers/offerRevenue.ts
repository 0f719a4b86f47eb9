// Revenue, orders and buyers of each offer's scope over a window [asOf − days, asOf), or all history.
import type { Offer } from '../domain/types.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';
import { offerProductsSql } from './offerProductsSql.ts';
import { DAY } from '../math/day.ts';

export interface OfferRevenue {
  offerId: string;
  revenue: number;
  orders: number;
  buyers: number;
}

export async function offerRevenue(store: Store, offers: Offer[], asOf: Date, windowDays: number | null): Promise<OfferRevenue[]> {
  if (offers.length === 0) return [];
  const from = windowDays === null ? null : new Date(asOf.getTime() - windowDays * DAY);
  const rows = await store.all<{ offer_id: string; revenue: number; orders: bigint; buyers: bigint }>(
    `WITH op AS (${offerProductsSql(offers)})
     SELECT op.offer_id, coalesce(sum(l.amount), 0)::DOUBLE AS revenue,
            count(DISTINCT l.order_id) AS orders, count(DISTINCT l.customer_id) AS buyers
     FROM op LEFT JOIN order_lines l ON l.product_id = op.product_id
       AND l.kind = 'purchase' AND l.quantity > 0 AND l.ts < ?::TIMESTAMP
       ${from ? `AND l.ts >= ?::TIMESTAMP` : ''}
     GROUP BY op.offer_id`,
    from ? [isoLocal(asOf), isoLocal(from)] : [isoLocal(asOf)],
  );
  const byId = new Map(rows.map((r) => [r.offer_id, r]));
  return offers.map((o) => {
    const r = byId.get(o.offerId);
    return { offerId: o.offerId, revenue: r?.revenue ?? 0, orders: Number(r?.orders ?? 0), buyers: Number(r?.buyers ?? 0) };
  });
}

/** Parses `30d`, `12w`, `6m` (30-day months), or `all` (null) into days. */
export function windowDaysFromArg(s: string): number | null {
  if (s === 'all') return null;
  const m = /^(\d+)([dwm])$/.exec(s.trim());
  if (!m || +m[1] <= 0) throw new Error(`not a window: '${s}' (use e.g. 30d, 12w, 6m or all)`);
  return +m[1] * (m[2] === 'd' ? 1 : m[2] === 'w' ? 7 : 30);
}
