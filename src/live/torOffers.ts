// One TOR's results in memory for real-time reads: rows sorted by customer then priority, strings
// dictionary-encoded (offer ids, names, reasons repeat), one offset per customer. Read once when
// the TOR is computed (or first asked for); every request after that is a map lookup.
import type { Store } from '../store/store.ts';
import type { EncodedStrings } from '../store/storeBackend.ts';

export interface CustomerOffer {
  priority: number;
  offerId: string;
  offerName: string;
  score: number;
  reason: string | null;
}

export class TorOffers {
  private constructor(
    readonly torId: string,
    readonly name: string,
    readonly status: string,
    readonly computedAt: string | null,
    private readonly rowsOf: Map<string, number>,
    private readonly indptr: Int32Array,
    private readonly priority: Int32Array,
    private readonly score: Float64Array,
    private readonly offer: EncodedStrings,
    private readonly offerNames: string[],
    private readonly reason: EncodedStrings,
  ) {}

  get customers(): number {
    return this.rowsOf.size;
  }

  /** The customer's offers in priority order; null when the TOR has no row for them. */
  offersOf(customerId: string): CustomerOffer[] | null {
    const c = this.rowsOf.get(customerId);
    if (c === undefined) return null;
    const out: CustomerOffer[] = [];
    for (let r = this.indptr[c]; r < this.indptr[c + 1]; r++) {
      const o = this.offer.codes[r];
      out.push({
        priority: this.priority[r],
        offerId: this.offer.dict[o],
        offerName: this.offerNames[o],
        score: this.score[r],
        reason: this.reason.dict[this.reason.codes[r]] || null,
      });
    }
    return out;
  }

  static async load(store: Store, tor: { torId: string; name: string; status: string; computedAt: string | null }): Promise<TorOffers> {
    const cols = await store.columnsEncoded(
      `SELECT customer_id, priority, offer_id, score, coalesce(reason, '') AS reason FROM tor_results WHERE tor_id = ? ORDER BY customer_id, priority`,
      { customer_id: 'str', priority: 'i32', offer_id: 'str', score: 'f64', reason: 'str' },
      [tor.torId],
    );
    const cust = cols.customer_id as EncodedStrings,
      offer = cols.offer_id as EncodedStrings;
    const rowsOf = new Map<string, number>();
    const indptr = new Int32Array(cust.dict.length + 1);
    // Codes follow first appearance and rows are sorted by customer, so code c is the c-th customer.
    for (let r = 0; r < cust.codes.length; r++) indptr[cust.codes[r] + 1]++;
    for (let c = 0; c < cust.dict.length; c++) {
      indptr[c + 1] += indptr[c];
      rowsOf.set(cust.dict[c], c);
    }
    const names = new Map(
      (await store.all<{ offer_id: string; name: string }>(`SELECT offer_id, name FROM offers`)).map((o) => [o.offer_id, o.name]),
    );
    return new TorOffers(
      tor.torId,
      tor.name,
      tor.status,
      tor.computedAt,
      rowsOf,
      indptr,
      cols.priority as Int32Array,
      cols.score as Float64Array,
      offer,
      offer.dict.map((id) => names.get(id) ?? id),
      cols.reason as EncodedStrings,
    );
  }
}
