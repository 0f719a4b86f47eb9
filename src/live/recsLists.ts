// The product_recommendations table in memory: each customer's list (DinMo columns), loaded when
// recommendations are computed and patched in place when an ingested purchase refreshes a customer.
import { isoLocal } from '../snapshot/interactions.ts';
import type { RecsRows } from '../recs/recsOutput.ts';
import { RECS_TABLE } from '../recs/recsOutput.ts';
import type { Store } from '../store/store.ts';
import type { EncodedStrings } from '../store/storeBackend.ts';

/** One row as the DinMo layout names it. */
export interface RecsRow {
  primary_key: string;
  user_unique_id: string;
  last_update_date: string;
  recommended_item_id: string;
  ranking: number;
  score: number;
}

export class RecsLists {
  /** Lists refreshed since the load (ingested purchases), ahead of the loaded columns. */
  private readonly fresh = new Map<string, RecsRow[]>();

  private constructor(
    private readonly rowsOf: Map<string, number>,
    private readonly indptr: Int32Array,
    private readonly item: EncodedStrings,
    private readonly ranking: Int32Array,
    private readonly score: Float64Array,
    private readonly updated: EncodedStrings,
    /** Products per list as computed (`recommend --top`). */
    readonly n: number,
  ) {}

  static empty(): RecsLists {
    const none = (): EncodedStrings => ({ dict: [], codes: new Int32Array(0) });
    return new RecsLists(new Map(), new Int32Array(1), none(), new Int32Array(0), new Float64Array(0), none(), 0);
  }

  /** Null when the table does not exist (recommendations never computed into it). */
  static async load(store: Store): Promise<RecsLists | null> {
    const exists = await store.one(`SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'`, [RECS_TABLE]);
    if (!exists) return null;
    const cols = await store.columnsEncoded(
      `SELECT user_unique_id, recommended_item_id, ranking::INTEGER AS ranking, score::DOUBLE AS score,
         strftime(last_update_date, '%Y-%m-%dT%H:%M:%S') AS updated FROM ${RECS_TABLE} ORDER BY user_unique_id, ranking`,
      { user_unique_id: 'str', recommended_item_id: 'str', ranking: 'i32', score: 'f64', updated: 'str' },
    );
    const user = cols.user_unique_id as EncodedStrings,
      ranking = cols.ranking as Int32Array;
    const rowsOf = new Map<string, number>();
    const indptr = new Int32Array(user.dict.length + 1);
    for (let r = 0; r < user.codes.length; r++) indptr[user.codes[r] + 1]++;
    for (let c = 0; c < user.dict.length; c++) {
      indptr[c + 1] += indptr[c];
      rowsOf.set(user.dict[c], c);
    }
    let n = 0;
    for (let r = 0; r < ranking.length; r++) n = Math.max(n, ranking[r]);
    const item = cols.recommended_item_id as EncodedStrings,
      updated = cols.updated as EncodedStrings;
    return new RecsLists(rowsOf, indptr, item, ranking, cols.score as Float64Array, updated, n);
  }

  has(customerId: string): boolean {
    return this.fresh.has(customerId) || this.rowsOf.has(customerId);
  }

  /** The customer's first `top` rows; null when they have no list. */
  listOf(customerId: string, top: number): RecsRow[] | null {
    const f = this.fresh.get(customerId);
    if (f) return f.slice(0, top);
    const c = this.rowsOf.get(customerId);
    if (c === undefined) return null;
    const out: RecsRow[] = [];
    for (let r = this.indptr[c]; r < Math.min(this.indptr[c + 1], this.indptr[c] + top); r++) {
      out.push({
        primary_key: `${customerId}:${this.ranking[r]}`,
        user_unique_id: customerId,
        last_update_date: this.updated.dict[this.updated.codes[r]],
        recommended_item_id: this.item.dict[this.item.codes[r]],
        ranking: this.ranking[r],
        score: this.score[r],
      });
    }
    return out;
  }

  /** Replaces these customers' lists (after a fold-in). */
  patch(lists: [string, RecsRow[]][]): void {
    for (const [customerId, list] of lists) this.fresh.set(customerId, list);
  }
}

/** Lists of RecsRows in the DinMo layout, per customer. */
export function rowsByCustomer(rows: RecsRows): Map<string, RecsRow[]> {
  const updated = isoLocal(rows.updatedAt).slice(0, 19).replace(' ', 'T');
  const out = new Map<string, RecsRow[]>();
  for (let r = 0; r < rows.users.length; r++) {
    const customerId = rows.customerIds[rows.users[r]];
    const list: RecsRow[] = [];
    for (let j = 0; j < rows.n; j++) {
      const it = rows.items[r * rows.n + j];
      if (it < 0) continue;
      list.push({
        primary_key: `${customerId}:${j + 1}`,
        user_unique_id: customerId,
        last_update_date: updated,
        recommended_item_id: rows.productIds[it],
        ranking: j + 1,
        score: rows.scores[r * rows.n + j],
      });
    }
    out.set(customerId, list);
  }
  return out;
}
