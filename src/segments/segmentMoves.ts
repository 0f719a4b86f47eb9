// Moves between two dates: per segment, who entered (in it at `to`, not at `from`) and who left
// (the reverse) — e.g. how many went dormant, who became a high-value repeater. Both dates are
// refreshed when needed, so the answer is always from recorded memberships.
import { UserError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import { refreshSegments } from './refreshSegments.ts';
import { segmentsByIds } from './segmentMembersFromStore.ts';

export interface SegmentMove {
  segmentId: string;
  sizeFrom: number;
  sizeTo: number;
  entered: number;
  left: number;
  stayed: number;
  /** Up to `limit` customer ids of each, sorted. */
  enteredIds: string[];
  leftIds: string[];
}

export interface SegmentMoves {
  from: Date;
  to: Date;
  moves: SegmentMove[];
  skipped: { segmentId: string; error: string }[];
}

export async function segmentMoves(
  store: Store,
  from: Date,
  to: Date,
  opts: { actor: string; segmentIds?: string[]; limit?: number },
): Promise<SegmentMoves> {
  if (from.getTime() >= to.getTime()) throw new UserError('from must be before to');
  const segs = await segmentsByIds(store, opts.segmentIds);
  const a = await refreshSegments(store, segs, from, opts);
  const b = await refreshSegments(store, segs, to, opts);
  const skipped = [...a.failures, ...b.failures.filter((f) => !a.failures.some((x) => x.segmentId === f.segmentId))];
  if (opts.segmentIds && skipped.length) throw new UserError(skipped.map((f) => f.error).join('\n'));
  const limit = opts.limit ?? 100;
  const moves: SegmentMove[] = [];
  for (const s of segs) {
    const ra = a.refreshes.get(s.id),
      rb = b.refreshes.get(s.id);
    if (!ra || !rb) continue;
    const diff = async (x: string, y: string) => {
      const sql = `SELECT customer_id FROM segment_members WHERE refresh_id = ?
        EXCEPT SELECT customer_id FROM segment_members WHERE refresh_id = ?`;
      const n = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM (${sql})`, [x, y]))!.n);
      const rows = await store.all<{ customer_id: string }>(`${sql} ORDER BY customer_id LIMIT ?`, [x, y, limit]);
      const ids = rows.map((r) => r.customer_id);
      return { n, ids };
    };
    const entered = await diff(rb.refreshId, ra.refreshId);
    const left = await diff(ra.refreshId, rb.refreshId);
    moves.push({
      segmentId: s.id,
      sizeFrom: ra.size,
      sizeTo: rb.size,
      entered: entered.n,
      left: left.n,
      stayed: rb.size - entered.n,
      enteredIds: entered.ids,
      leftIds: left.ids,
    });
  }
  return { from, to, moves, skipped };
}
