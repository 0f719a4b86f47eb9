// Real-time trigger rules in the server: after each ingested order line or event (the orderLines.ingest
// and events.ingest ops), rules/firingsOnIngest evaluates the active rule set for those customers, and the
// firings are recorded before the request answers — so GET /v1/customers/{id}/firings shows them at
// once. Evaluations run one at a time on their own connection (their transaction and temp table must
// not mix with other requests).
import type { EventEmitter } from 'node:events';
import { firingsOnIngest, type Ingested } from '../rules/firingsOnIngest.ts';
import type { Store } from '../store/store.ts';

const INGEST_OPS: Record<string, 'lines' | 'events'> = { 'orderLines.ingest': 'lines', 'events.ingest': 'events' };

export class LiveRules {
  private conn: Promise<Store> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly log: (line: string) => void,
  ) {}

  subscribe(changes: EventEmitter): void {
    changes.on('op', (name: string, input: Record<string, Ingested[] | undefined> | undefined) => {
      const key = INGEST_OPS[name];
      const items = key ? input?.[key] : undefined;
      if (!items?.length) return undefined;
      const work = this.queue
        .then(() => this.evaluate(items))
        .catch((e) => this.log(`trigger rules: evaluation after ${name} failed: ${(e as Error).message}`));
      this.queue = work;
      return work;
    });
  }

  /** Evaluates the active rule set for the ingested customers; returns the number of firings recorded. */
  async evaluate(items: Ingested[]): Promise<number> {
    return firingsOnIngest(await (this.conn ??= this.store.fork()), items);
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.conn) (await this.conn).close();
  }
}
