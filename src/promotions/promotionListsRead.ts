// Reading the stored lists: one customer's promotions (with each promotion's terms), and the
// export of every list as CSV / Parquet (written atomically by exportQuery).
import { NotFoundError, UserError } from '../domain/errors.ts';
import type { ExportFormat } from '../export/copySql.ts';
import { exportQuery } from '../export/exportQuery.ts';
import type { Store } from '../store/store.ts';
import { latestPromotionRun } from './promotionListsTable.ts';

export interface CustomerPromotion {
  rank: number;
  promotionId: string;
  name: string;
  mechanism: string;
  value: number | null;
  channel: string;
  validTo: string | null;
  expectedValue: number;
  probability: number | null;
  reason: string | null;
}

const LIST_SQL = `SELECT l.customer_id, l.rank, l.promotion_id, p.name, p.mechanism, p.value, p.channel,
    p.valid_from, p.valid_to, l.expected_value, l.probability, l.reason, l.run_id
  FROM promotion_lists l LEFT JOIN promotions p USING (promotion_id)`;

export async function promotionsForCustomer(
  store: Store,
  customerId: string,
): Promise<{ customerId: string; runId: string; promotions: CustomerPromotion[] }> {
  const run = await latestPromotionRun(store);
  if (!run) throw new UserError('no promotion lists yet: run promotions compute first');
  const rows = await store.all<Record<string, any>>(`${LIST_SQL} WHERE l.customer_id = ? ORDER BY l.rank`, [customerId]);
  if (!rows.length) {
    const known = await store.one(`SELECT 1 FROM customers WHERE customer_id = ?`, [customerId]);
    if (!known) throw new NotFoundError(`no customer ${customerId}`);
  }
  return {
    customerId,
    runId: run.runId,
    promotions: rows.map((r) => ({
      rank: r.rank,
      promotionId: r.promotion_id,
      name: r.name ?? r.promotion_id,
      mechanism: r.mechanism ?? '',
      value: r.value,
      channel: r.channel ?? 'all',
      validTo: r.valid_to ? new Date(r.valid_to).toISOString() : null,
      expectedValue: r.expected_value,
      probability: r.probability,
      reason: r.reason,
    })),
  };
}

export async function exportPromotionLists(
  store: Store,
  out: string,
  format: ExportFormat,
): Promise<{ runId: string; rows: number; bytes: number; path: string }> {
  const run = await latestPromotionRun(store);
  if (!run) throw new UserError('no promotion lists yet: run promotions compute first');
  const sql = `SELECT customer_id, rank, promotion_id, name, mechanism, value, channel, valid_from, valid_to,
      expected_value, probability, reason, run_id FROM (${LIST_SQL}) ORDER BY customer_id, rank`;
  const r = await exportQuery(store, { sql, format, target: { kind: 'local', path: out } });
  return { runId: run.runId, ...r };
}
