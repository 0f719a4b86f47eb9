// Product recommendations held by the server: the lists as computed (product_recommendations, in
// memory on the main thread for the reads) and the model behind them in a worker thread, which
// folds an ingested purchase in without retraining and scores filtered or longer lists.
// Ingestions run one at a time (each replaces the model's log; they must not interleave).
import { storePurchases, type LineLabels, type Purchase } from '../recs/ingestPurchase.ts';
import { getMeta } from '../store/meta.ts';
import type { Store } from '../store/store.ts';
import type { IngestedLists } from './recsModel.ts';
import { RecsLists, type RecsRow } from './recsLists.ts';
import { RecsWorkerClient } from './recsWorkerClient.ts';

export class LiveRecs {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly lists: RecsLists | null,
    private readonly model: RecsWorkerClient | null,
  ) {}

  /**
   * Loads the lists and, when recommendations were computed into the table, starts the model's
   * worker. A model that fails to load leaves the lists readable (ingested lines are then stored
   * without a refresh) rather than keeping the server from starting.
   */
  static async load(store: Store, log: (line: string) => void = () => {}): Promise<LiveRecs> {
    const lists = await RecsLists.load(store);
    if (!(await getMeta(store, 'product_recommendations'))) return new LiveRecs(lists, null);
    try {
      return new LiveRecs(lists ?? RecsLists.empty(), await RecsWorkerClient.start(store, log));
    } catch (e) {
      log(`the recommendation model could not be loaded (${(e as Error).message}); serving the computed lists without refreshes`);
      return new LiveRecs(lists, null);
    }
  }

  get canScore(): boolean {
    return this.model !== null;
  }

  /** Stops the model's worker, after the ingestions under way. */
  async release(): Promise<void> {
    await this.queue;
    await this.model?.close();
  }

  /** Runs `fn` after every earlier ingestion has finished. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => {});
    return next;
  }

  /**
   * Stores the purchases (one transaction) and refreshes those customers' lists from the folded-in
   * model. Without a model (no recommendations computed yet) the lines are only stored, here.
   */
  ingest(store: Store, purchases: Purchase[], labels: (i: number) => LineLabels): Promise<IngestedLists> {
    return this.serial(async () => {
      if (!this.model) return { customers: await storePurchases(store, null, purchases, labels), lists: [], tableUpdated: false };
      const res = await this.model.ingest({ purchases });
      this.lists?.patch(res.lists);
      return res;
    });
  }

  /** A list the model scores now for one customer (a filter, or more products than the lists hold). */
  scored(customerId: string, top: number, filter: string | null): Promise<RecsRow[] | null> {
    return this.model!.scored({ customerId, top, filter });
  }
}
