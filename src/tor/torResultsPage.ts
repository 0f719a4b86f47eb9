// One page of a TOR's latest good result, in customer then priority order, with offer names, for
// browsing in the dashboard. `total` counts every matching row, so the caller can page through.
import type { Store } from '../store/store.ts';
import { getTor } from '../store/torTable.ts';

export interface TorResultRow {
  customerId: string;
  priority: number;
  offerId: string;
  /** null when the offer was deleted after the compute. */
  offerName: string | null;
  score: number;
  reason: string | null;
  /** The segment that governed the customer and the map rule that shaped the pair (TORs with an offer map). */
  segment: string | null;
  mapRule: string | null;
  /** Personalised copy (offers with a message template). */
  message: string | null;
}

export interface TorResultsPage {
  torId: string;
  page: number;
  pageSize: number;
  total: number;
  rows: TorResultRow[];
}

export async function torResultsPage(
  store: Store,
  torId: string,
  opts: { page: number; pageSize: number; customer?: string },
): Promise<TorResultsPage> {
  await getTor(store, torId);
  const where = `r.tor_id = ?${opts.customer === undefined ? '' : ' AND r.customer_id = ?'}`;
  const params = opts.customer === undefined ? [torId] : [torId, opts.customer];
  const total = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM tor_results r WHERE ${where}`, params))?.n ?? 0);
  type Row = {
    customer_id: string;
    priority: number;
    offer_id: string;
    name: string | null;
    score: number;
    reason: string | null;
    segment: string | null;
    map_rule: string | null;
    message: string | null;
  };
  const rows = await store.all<Row>(
    `SELECT r.customer_id, r.priority, r.offer_id, o.name, r.score, r.reason, r.segment, r.map_rule, r.message
     FROM tor_results r LEFT JOIN offers o USING (offer_id)
     WHERE ${where} ORDER BY r.customer_id, r.priority LIMIT ? OFFSET ?`,
    [...params, opts.pageSize, (opts.page - 1) * opts.pageSize],
  );
  return {
    torId,
    page: opts.page,
    pageSize: opts.pageSize,
    total,
    rows: rows.map((r) => ({
      customerId: r.customer_id,
      priority: r.priority,
      offerId: r.offer_id,
      offerName: r.name,
      score: r.score,
      reason: r.reason,
      segment: r.segment,
      mapRule: r.map_rule,
      message: r.message,
    })),
  };
}
