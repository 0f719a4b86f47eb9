// One segment in full: definition, size and sample members as of a date, and its refresh history
// (newest first), for `segments show` and GET /v1/segments/:id.
import { UserError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import { refreshSegments } from './refreshSegments.ts';
import { getSegment, type SegmentRow } from './segmentTable.ts';

export interface SegmentRefreshRecord {
  refreshId: string;
  asOf: Date;
  size: number;
  refreshedAt: Date;
  actor: string | null;
  expression: string;
}

export interface SegmentDetail extends SegmentRow {
  asOf: Date;
  size: number;
  sample: string[];
  refreshes: SegmentRefreshRecord[];
}

export async function segmentRefreshHistory(store: Store, id: string, limit = 50): Promise<SegmentRefreshRecord[]> {
  type Row = { refresh_id: string; as_of: Date; size: bigint; refreshed_at: Date; actor: string | null; expression: string };
  const rows = await store.all<Row>(
    `SELECT refresh_id, as_of, size, refreshed_at, actor, expression FROM segment_refreshes WHERE segment_id = ?
     ORDER BY refreshed_at DESC, as_of DESC LIMIT ?`,
    [id, limit],
  );
  return rows.map((r) => ({
    refreshId: r.refresh_id,
    asOf: r.as_of,
    size: Number(r.size),
    refreshedAt: r.refreshed_at,
    actor: r.actor,
    expression: r.expression,
  }));
}

export async function segmentDetail(
  store: Store,
  id: string,
  asOf: Date,
  opts: { actor: string; sample?: number },
): Promise<SegmentDetail> {
  const seg = await getSegment(store, id);
  const { refreshes, failures } = await refreshSegments(store, [seg], asOf, opts);
  if (failures.length) throw new UserError(failures[0].error);
  const r = refreshes.get(id)!;
  const sample = (
    await store.all<{ customer_id: string }>(`SELECT customer_id FROM segment_members WHERE refresh_id = ? ORDER BY customer_id LIMIT ?`, [
      r.refreshId,
      opts.sample ?? 20,
    ])
  ).map((x) => x.customer_id);
  return { ...seg, asOf, size: r.size, sample, refreshes: await segmentRefreshHistory(store, id) };
}
