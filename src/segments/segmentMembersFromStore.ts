// Segment memberships as of a date, refreshing (and recording) the segments whose stored refresh is
// missing or stale. Used by the segment ops and by TOR computes that map segments to offers.
import { UserError } from '../domain/errors.ts';
import { quoteLiteral, type Store } from '../store/store.ts';
import { refreshSegments, type RefreshOutcome } from './refreshSegments.ts';
import { getSegment, listSegments, type SegmentRow } from './segmentTable.ts';

/** The segments asked for (unknown id → NotFoundError), or all of them. */
export async function segmentsByIds(store: Store, segmentIds?: readonly string[]): Promise<SegmentRow[]> {
  if (!segmentIds) return listSegments(store);
  const out: SegmentRow[] = [];
  for (const id of new Set(segmentIds)) out.push(await getSegment(store, id));
  return out;
}

/** Customer ids per refresh id. */
export async function membersOfRefreshes(store: Store, refreshIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(refreshIds.map((r) => [r, []]));
  if (!refreshIds.length) return out;
  const cols = await store.columns(
    `SELECT refresh_id, customer_id FROM segment_members WHERE refresh_id IN (${refreshIds.map(quoteLiteral).join(', ')})
     ORDER BY refresh_id, customer_id`,
    { refresh_id: 'str', customer_id: 'str' },
  );
  for (let i = 0; i < cols.customer_id.length; i++) out.get(cols.refresh_id[i])!.push(cols.customer_id[i]);
  return out;
}

/**
 * Segment id → the customer ids in it as of `asOf`. With `segmentIds`, an unknown id is a
 * NotFoundError and a segment that cannot be answered (its expression names model outputs nothing
 * stored) is a UserError; without, such segments are left out.
 */
export async function segmentMembersFromStore(store: Store, asOf: Date, segmentIds?: string[]): Promise<Map<string, Set<string>>> {
  const segs = await segmentsByIds(store, segmentIds);
  const outcome: RefreshOutcome = await refreshSegments(store, segs, asOf, { actor: 'system' });
  if (segmentIds && outcome.failures.length) throw new UserError(outcome.failures.map((f) => f.error).join('\n'));
  const refreshes = [...outcome.refreshes.values()];
  const members = await membersOfRefreshes(
    store,
    refreshes.map((r) => r.refreshId),
  );
  return new Map(refreshes.map((r) => [r.segmentId, new Set(members.get(r.refreshId))]));
}
