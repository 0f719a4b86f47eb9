// One page of rows of a query plus the total count, for the data screens' paged tables.
import type { Store } from '../store/store.ts';
import type { ParamValue } from '../store/storeBackend.ts';

export interface Page<T = Record<string, unknown>> {
  items: T[];
  /** Rows matching the filter, over all pages. */
  total: number;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  /** A table name or a parenthesised, aliased subquery. */
  from: string;
  /** A condition with `?` placeholders for `params` ('true' for all rows). */
  where: string;
  params: ParamValue[];
  /** A total order, so pages neither repeat nor skip rows. */
  orderBy: string;
}

/** `page` is 1-based. */
export async function pagedRows(store: Store, q: PageQuery, page: number, pageSize: number): Promise<Page> {
  const count = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${q.from} WHERE ${q.where}`, q.params);
  const items = await store.all(`SELECT * FROM ${q.from} WHERE ${q.where} ORDER BY ${q.orderBy} LIMIT ? OFFSET ?`,
    [...q.params, pageSize, (page - 1) * pageSize]);
  return { items, total: Number(count?.n ?? 0), page, pageSize };
}
