// Every segment with its size as of a date (refreshing the stale ones in one transaction), for
// `segments list` and GET /v1/segments.
import type { Store } from '../store/store.ts';
import { refreshSegments } from './refreshSegments.ts';
import { listSegments } from './segmentTable.ts';

export interface SegmentListItem {
  id: string;
  name: string;
  /** Customers in the segment as of `asOf`; null when the segment cannot be answered (see `error`). */
  size: number | null;
  description: string;
  expression: string;
  builtin: boolean;
  edited: boolean;
  asOf: Date;
  refreshedAt: Date | null;
  error?: string;
}

export async function segmentList(store: Store, asOf: Date, opts: { actor: string; force?: boolean }): Promise<SegmentListItem[]> {
  const segs = await listSegments(store);
  const { refreshes, failures } = await refreshSegments(store, segs, asOf, opts);
  return segs.map((s) => {
    const r = refreshes.get(s.id);
    const failure = failures.find((f) => f.segmentId === s.id);
    return {
      id: s.id,
      name: s.name,
      size: r ? r.size : null,
      description: s.description,
      expression: s.expression,
      builtin: s.builtin,
      edited: s.edited,
      asOf,
      refreshedAt: r?.refreshedAt ?? null,
      ...(failure ? { error: failure.error } : {}),
    };
  });
}
