// The one interface every product-recommendation model implements (issue 3). Pure: no store, fs or HTTP.
// Users and items are dense indices into the snapshot's id dictionaries.

/** Users × items purchase log as CSR, aggregated per (user, item), plus the raw time-ordered lines. */
export interface InteractionLog {
  nUsers: number;
  nItems: number;
  /** CSR row pointers, length nUsers + 1; entries of user u are indptr[u] .. indptr[u+1]-1. */
  indptr: Int32Array;
  /** Item index per entry, ascending within a row. */
  indices: Int32Array;
  /** Per entry: number of distinct orders containing the item, total quantity, total amount. */
  orders: Float32Array;
  quantity: Float32Array;
  amount: Float32Array;
  /** Per entry: epoch ms of the first and last purchase. */
  firstTs: Float64Array;
  lastTs: Float64Array;
  /** Exclusive end of history, epoch ms: recency and repurchase cycles are measured against it. */
  asOf: number;
  /** Raw purchase lines sorted by time (needed for inter-purchase gaps): user, item, epoch ms. */
  lineUser: Int32Array;
  lineItem: Int32Array;
  lineTs: Float64Array;
}

export interface TopN {
  /** users.length × k, row-major; -1 where fewer than k items qualify. */
  items: Int32Array;
  scores: Float32Array;
}

export interface Recommender {
  readonly name: string;
  /** `say` receives progress lines from fits that can take long (the caller shows them, e.g. on stderr). */
  fit(log: InteractionLog, say?: (line: string) => void): Promise<void>;
  /** Scores for users × items (all items when omitted), row-major. Higher = better. */
  scoreItems(users: Int32Array, items?: Int32Array): Promise<Float32Array>;
  /** Top-k per user; `exclude` = items the user bought in the log are skipped. */
  recommend(users: Int32Array, k: number, opts?: { excludeSeen?: boolean }): Promise<TopN>;
  /** A one-line human reason for (user, item), e.g. "bought 3×, every ~30 days". */
  explain(user: number, item: number): string;
  /** Serialisable state (typed arrays allowed); load(save()) reproduces scores exactly. */
  save(): Record<string, unknown>;
  load(state: Record<string, unknown>): void;
}
