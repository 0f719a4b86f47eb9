// Pairwise overlaps of the segments as of a date: how many customers each pair shares (the diagonal
// is each segment's size), for `segments overlap` and GET /v1/segments/overlap.
import { quoteLiteral, type Store } from '../store/store.ts';
import { refreshSegments } from './refreshSegments.ts';
import { segmentsByIds } from './segmentMembersFromStore.ts';

export interface SegmentOverlap {
  asOf: Date;
  segments: string[];
  /** counts[i][j] = customers in both segments[i] and segments[j]. */
  counts: number[][];
  skipped: { segmentId: string; error: string }[];
}

export async function segmentOverlap(store: Store, asOf: Date, opts: { actor: string; segmentIds?: string[] }): Promise<SegmentOverlap> {
  const segs = await segmentsByIds(store, opts.segmentIds);
  const { refreshes, failures } = await refreshSegments(store, segs, asOf, opts);
  const ids = segs.map((s) => s.id).filter((id) => refreshes.has(id));
  const counts = ids.map(() => ids.map(() => 0));
  if (ids.length) {
    const refOf = new Map(ids.map((id, i) => [refreshes.get(id)!.refreshId, i]));
    const list = [...refOf.keys()].map(quoteLiteral).join(', ');
    const rows = await store.all<{ a: string; b: string; n: bigint }>(
      `WITH m AS (SELECT refresh_id, customer_id FROM segment_members WHERE refresh_id IN (${list}))
       SELECT x.refresh_id AS a, y.refresh_id AS b, count(*) AS n FROM m x JOIN m y ON x.customer_id = y.customer_id GROUP BY 1, 2`,
    );
    for (const r of rows) counts[refOf.get(r.a)!][refOf.get(r.b)!] = Number(r.n);
  }
  return { asOf, segments: ids, counts, skipped: failures };
}
