// The members of one segment as of a date: a page of customer ids, or all of them written to a CSV
// file (one customer_id column; temporary name, then rename, so a reader never sees half a file).
import { UserError } from '../domain/errors.ts';
import { writeAtomic } from '../export/writeAtomic.ts';
import { quoteLiteral, type Store } from '../store/store.ts';
import { refreshSegments } from './refreshSegments.ts';
import { getSegment } from './segmentTable.ts';

export interface SegmentMembers {
  segmentId: string;
  asOf: Date;
  size: number;
  /** The page asked for (empty when written to a file). */
  customerIds: string[];
  out?: string;
}

export async function segmentMembersPage(
  store: Store,
  id: string,
  asOf: Date,
  opts: { actor: string; limit: number; offset: number; out?: string },
): Promise<SegmentMembers> {
  const seg = await getSegment(store, id);
  const { refreshes, failures } = await refreshSegments(store, [seg], asOf, opts);
  if (failures.length) throw new UserError(failures[0].error);
  const r = refreshes.get(id)!;
  if (opts.out) {
    if (!/\.csv$/i.test(opts.out)) throw new UserError(`out: write members to a .csv file (got ${opts.out})`);
    await writeAtomic(opts.out, (tmp) =>
      store.run(
        `COPY (SELECT customer_id FROM segment_members WHERE refresh_id = ${quoteLiteral(r.refreshId)} ORDER BY customer_id)
       TO ${quoteLiteral(tmp)} (FORMAT csv, HEADER true)`,
      ),
    );
    return { segmentId: id, asOf, size: r.size, customerIds: [], out: opts.out };
  }
  const ids = await store.all<{ customer_id: string }>(
    `SELECT customer_id FROM segment_members WHERE refresh_id = ? ORDER BY customer_id LIMIT ? OFFSET ?`,
    [r.refreshId, opts.limit, opts.offset],
  );
  return { segmentId: id, asOf, size: r.size, customerIds: ids.map((x) => x.customer_id) };
}
