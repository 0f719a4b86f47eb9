// A member's favourite cells as of a date, from the change history in favourite_cells: per cell,
// the change with the latest effective_from <= date (then the latest set_at) wins.
import type { Store } from '../store/store.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import { DAY } from '../math/day.ts';

export type CellSource = 'member' | 'staff' | 'auto';

export interface CellChange {
  customerId: string;
  cell: number;
  productId: string | null;
  effectiveFrom: Date;
  setBy: string;
  setAt: Date;
  source: CellSource;
}

interface Row {
  customer_id: string;
  cell: number;
  product_id: string | null;
  effective_from: Date;
  set_by: string;
  set_at: Date;
  source: string;
}

const change = (r: Row): CellChange => ({
  customerId: r.customer_id,
  cell: Number(r.cell),
  productId: r.product_id,
  effectiveFrom: r.effective_from,
  setBy: r.set_by,
  setAt: r.set_at,
  source: r.source as CellSource,
});

/** The change in force per (customer, cell) at `at`, for one customer or all (customerId null). */
export async function currentCells(store: Store, customerId: string | null, at: Date): Promise<CellChange[]> {
  const rows = await store.all<Row>(
    `SELECT customer_id, cell, product_id, effective_from, set_by, set_at, source FROM (
      SELECT *, row_number() OVER (PARTITION BY customer_id, cell ORDER BY effective_from DESC, set_at DESC) AS rn
      FROM favourite_cells WHERE effective_from <= ?::TIMESTAMP ${customerId === null ? '' : 'AND customer_id = ?'})
    WHERE rn = 1 ORDER BY customer_id, cell`,
    customerId === null ? [isoLocal(at)] : [isoLocal(at), customerId],
  );
  return rows.map(change);
}

/** Every change of one customer's cells, newest effective first (scheduled future changes included). */
export async function cellHistory(store: Store, customerId: string, limit = 200): Promise<CellChange[]> {
  const rows = await store.all<Row>(
    `SELECT customer_id, cell, product_id, effective_from, set_by, set_at, source
    FROM favourite_cells WHERE customer_id = ? ORDER BY effective_from DESC, set_at DESC LIMIT ?`,
    [customerId, limit],
  );
  return rows.map(change);
}

/** Until when the member may not change `cell` themselves: lockDays after their own latest pick of it, or null. */
export function memberLockUntil(history: CellChange[], cell: number, lockDays: number): Date | null {
  const last = history.find((c) => c.cell === cell && c.source === 'member');
  if (!last || lockDays <= 0) return null;
  return new Date(last.effectiveFrom.getTime() + lockDays * DAY);
}
