// What the real-time reads answer from: TOR results, recommendation lists (and their model) and
// customer profiles held in memory, loaded at server start and refreshed when an op changes them
// (a TOR computed, edited, exported or deleted; recommendations or a model recomputed; an import;
// an ingested purchase). A read never queries DuckDB; a refresh builds the new maps aside and swaps them in.
import type { EventEmitter } from 'node:events';
import { NotFoundError, UserError } from '../domain/errors.ts';
import { apiLabels, type Purchase } from '../recs/ingestPurchase.ts';
import type { IngestOutput } from '../recs/ingestOutput.ts';
import type { Store } from '../store/store.ts';
import { CustomerProfiles, type CustomerProfile } from './customerProfiles.ts';
import { LiveRecs } from './liveRecs.ts';
import { LiveRules } from './liveRules.ts';
import type { RecsRow } from './recsLists.ts';
import { TorOffers, type CustomerOffer } from './torOffers.ts';

interface TorHead {
  torId: string;
  name: string;
  status: string;
  computedAt: string | null;
}

/** TORs whose results the real-time reads serve by default: Ready or Exported, latest computed first. */
const SERVED = new Set(['ready', 'exported']);
/** Ops after which the TOR list, statuses or results may differ (reads emit events too: ignored). */
const TOR_CHANGES = new Set(['tor.create', 'tor.edit', 'tor.delete', 'tor.compute', 'tor.export']);

export class LiveIndex {
  private tors = new Map<string, TorHead>();
  private defaultTor: string | null = null;
  /** Loaded TOR results, by TOR id (a promise while loading, so concurrent readers share one load). */
  private readonly offers = new Map<string, Promise<TorOffers>>();
  private pending: Promise<unknown> = Promise.resolve();
  /** Ingestion's own connection: its transaction and temp tables must not mix with other requests. */
  private ingestStore: Promise<Store> | null = null;
  /** Trigger rules evaluated on each ingested order line or event (src/live/liveRules.ts). */
  private rules: LiveRules | null = null;

  private constructor(
    private readonly store: Store,
    public profiles: CustomerProfiles,
    public recs: LiveRecs,
    private readonly log: (line: string) => void,
  ) {}

  static async load(store: Store, log: (line: string) => void = () => {}): Promise<LiveIndex> {
    const [profiles, recs] = await Promise.all([CustomerProfiles.load(store), LiveRecs.load(store, log)]);
    const live = new LiveIndex(store, profiles, recs, log);
    await live.reloadTors();
    if (live.defaultTor) await live.torOffers(live.defaultTor);
    return live;
  }

  /**
   * Refreshes what each succeeded op changed; reads keep the old maps until the new ones are ready.
   * Returns the work, so an op answered in-request (e.g. tor.delete) answers after the refresh.
   */
  subscribe(changes: EventEmitter): void {
    this.rules = new LiveRules(this.store, this.log);
    this.rules.subscribe(changes);
    changes.on('op', (name: string, input: { id?: string } | undefined) => {
      const work = this.afterOp(name, input ?? {}).catch((e) =>
        this.log(`real-time index: refresh after ${name} failed: ${(e as Error).message}`),
      );
      this.pending = Promise.all([this.pending, work]);
      return work;
    });
  }

  /** Resolves when every refresh started so far has finished (tests, and readers that must see a compute). */
  settled(): Promise<unknown> {
    return this.pending;
  }

  private async afterOp(name: string, input: { id?: string }): Promise<void> {
    if (TOR_CHANGES.has(name)) {
      if (input.id && (name === 'tor.compute' || name === 'tor.delete' || name === 'tor.edit')) this.offers.delete(input.id);
      await this.reloadTors();
      if (this.defaultTor) await this.torOffers(this.defaultTor);
    } else if ((name === 'recs.recommend' && (input as { target?: string }).target === 'table') || name === 'models.train') {
      const next = await LiveRecs.load(this.store, this.log);
      const old = this.recs;
      this.recs = next;
      await old.release();
    } else if (name === 'events.ingest') {
      const events = (input as { events?: { customerId: string }[] }).events ?? [];
      await this.profiles.refreshHistory(
        this.store,
        [...new Set(events.map((e) => e.customerId))].filter((id) => !this.profiles.has(id)),
      );
    } else if (name === 'import') {
      this.profiles = await CustomerProfiles.load(this.store);
    } else if (name === 'customers.forget') {
      // An erased customer disappears from every in-memory read at once.
      this.offers.clear();
      await this.reloadTors();
      this.profiles = await CustomerProfiles.load(this.store);
      const next = await LiveRecs.load(this.store, this.log);
      const old = this.recs;
      this.recs = next;
      await old.release();
    }
  }

  private async reloadTors(): Promise<void> {
    const rows = await this.store.all<TorHead & { computed: Date | null }>(
      `SELECT tor_id AS "torId", name, status, computed_at AS computed FROM tors ORDER BY computed_at DESC NULLS LAST, created_at DESC`,
    );
    const computedAt = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    this.tors = new Map(rows.map((r) => [r.torId, { torId: r.torId, name: r.name, status: r.status, computedAt: computedAt(r.computed) }]));
    this.defaultTor = rows.find((r) => SERVED.has(r.status))?.torId ?? null;
    for (const id of this.offers.keys()) if (!this.tors.has(id)) this.offers.delete(id);
  }

  /** A TOR's results in memory (loaded on first use for TORs other than the default). */
  torOffers(torId: string): Promise<TorOffers> {
    let p = this.offers.get(torId);
    if (!p) {
      const head = this.tors.get(torId);
      if (!head) throw new NotFoundError(`no TOR with id '${torId}'`);
      p = TorOffers.load(this.store, head);
      this.offers.set(torId, p);
      p.catch(() => this.offers.delete(torId));
    }
    return p;
  }

  /** The TOR reads default to: the latest computed that is Ready or Exported. */
  get defaultTorId(): string | null {
    return this.defaultTor;
  }

  torStatus(torId: string): string | null {
    return this.tors.get(torId)?.status ?? null;
  }

  /** Known customers: the customers table (imports and ingestion add to it). */
  customer(customerId: string): CustomerProfile {
    const p = this.profiles.get(customerId);
    if (!p) throw new NotFoundError(`no customer '${customerId}'`);
    return p;
  }

  /** A customer's offers in a TOR (default: the latest Ready or Exported), in priority order. */
  async offersFor(customerId: string, torId?: string) {
    this.customer(customerId);
    const id = torId ?? this.defaultTor;
    if (!id) throw new NotFoundError('no TOR is Ready or Exported yet: compute one (POST /v1/tors/{id}/compute)');
    const tor = await this.torOffers(id);
    const offers: CustomerOffer[] | null = tor.offersOf(customerId);
    return {
      customerId,
      torId: id,
      torName: tor.name,
      status: this.torStatus(id) ?? tor.status,
      computedAt: tor.computedAt,
      offers: offers ?? [],
      ...(offers ? {} : { note: `${id} assigns no offer to this customer (not in its audience, or no eligible offer)` }),
    };
  }

  /**
   * A customer's recommendations: the computed list, or — for a filter or more products than the
   * lists hold — a list the loaded model scores now for this customer alone.
   */
  async recommendationsFor(customerId: string, top: number | undefined, filter: string | undefined) {
    this.customer(customerId);
    const { lists, canScore } = this.recs;
    if (!lists && !canScore)
      throw new NotFoundError('no product recommendations computed yet: run recommend into the table (POST /v1/recommendations)');
    if (filter && !canScore)
      throw new UserError('a filter needs the recommendation model loaded: compute recommendations into the table first');
    const n = top ?? (lists?.n || 10);
    const rows: RecsRow[] | null =
      (filter || n > (lists?.n ?? 0)) && canScore ? await this.recs.scored(customerId, n, filter ?? null) : lists!.listOf(customerId, n);
    const note = 'no recommendations for this customer (no purchase history before the as-of date)';
    return { customerId, recommendations: rows ?? [], ...(rows?.length ? {} : { note }) };
  }

  /** Stores real-time purchases and refreshes those customers' lists (from the folded-in model) and history summaries. */
  async ingest(purchases: Purchase[]): Promise<IngestOutput> {
    const store = await (this.ingestStore ??= this.store.fork());
    const t0 = performance.now();
    const res = await this.recs.ingest(store, purchases, apiLabels);
    const ms = performance.now() - t0;
    // The history summaries follow a moment later (a scan of the lines), off the answer's path.
    const profiles = this.profiles
      .refreshHistory(this.store, res.customers)
      .catch((e) => this.log(`real-time index: profile refresh failed: ${(e as Error).message}`));
    this.pending = Promise.all([this.pending, profiles]);
    const customers = res.lists.map(([customerId, list]) => ({
      customerId,
      recommendations: list.map((r) => ({ ranking: r.ranking, product_id: r.recommended_item_id, score: r.score })),
    }));
    return { lines: purchases.length, customers, ms, tableUpdated: res.tableUpdated, refreshed: this.recs.canScore };
  }

  async close(): Promise<void> {
    await this.pending;
    await this.recs.release();
    await this.rules?.close();
    if (this.ingestStore) (await this.ingestStore).close();
  }
}
