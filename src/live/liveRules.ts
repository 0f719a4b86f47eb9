// Real-time trigger rules: after each ingested order line or event (the orderLines.ingest and
// events.ingest ops), the active rule set is evaluated for those customers alone, as of the
// ingest instant (history ts <= that instant), and the firings are recorded before the request
// answers — so GET /v1/customers/{id}/firings shows them at once. Evaluations run one at a time
// on their own connection (their transaction and temp table must not mix with other requests).
import type { EventEmitter } from 'node:events';
import { wallClockNow } from '../recs/ingestPurchase.ts';
import { checkRuleSet } from '../rules/checkRuleSet.ts';
import { evaluateRules } from '../rules/evaluateRules.ts';
import { ruleSetFromSource } from '../rules/ruleSetFromSource.ts';
import { activeRuleSet } from '../rules/ruleSetTable.ts';
import type { RuleSet } from '../rules/ruleTypes.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';

const INGEST_OPS: Record<string, 'lines' | 'events'> = { 'orderLines.ingest': 'lines', 'events.ingest': 'events' };
type Ingested = { customerId: string; ts?: string };

/** Each customer's latest ingested instant (an item without ts happened now). */
export function ingestInstants(items: Ingested[], now: Date): Map<string, Date> {
  const out = new Map<string, Date>();
  for (const it of items) {
    const at = it.ts ? parseDateArg(it.ts) : now;
    const prev = out.get(it.customerId);
    if (!prev || at > prev) out.set(it.customerId, at);
  }
  return out;
}

export class LiveRules {
  private conn: Promise<Store> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private parsed: { id: string; set: RuleSet } | null = null;

  constructor(private readonly store: Store, private readonly log: (line: string) => void) {}

  subscribe(changes: EventEmitter): void {
    changes.on('op', (name: string, input: Record<string, Ingested[] | undefined> | undefined) => {
      const key = INGEST_OPS[name];
      const items = key ? input?.[key] : undefined;
      if (!items?.length) return undefined;
      const work = this.queue.then(() => this.evaluate(items))
        .catch((e) => this.log(`trigger rules: evaluation after ${name} failed: ${(e as Error).message}`));
      this.queue = work;
      return work;
    });
  }

  /** Evaluates the active rule set for the ingested customers; returns the number of firings recorded. */
  async evaluate(items: Ingested[]): Promise<number> {
    const store = await (this.conn ??= this.store.fork());
    const active = await activeRuleSet(store);
    if (!active) return 0;
    if (this.parsed?.id !== active.id) this.parsed = { id: active.id, set: ruleSetFromSource(active.source, active.name) };
    const set = this.parsed.set;
    const offers = await checkRuleSet(store, set);
    // Customers ingested at the same instant are evaluated together.
    const byInstant = new Map<number, string[]>();
    for (const [customer, at] of ingestInstants(items, wallClockNow())) {
      byInstant.set(at.getTime(), [...(byInstant.get(at.getTime()) ?? []), customer]);
    }
    let fired = 0;
    for (const [t, customers] of byInstant) {
      const res = await store.transaction(() => evaluateRules(store, set, offers, {
        asOf: new Date(t + 1), firedAt: new Date(t), customers, source: 'realtime', ruleSet: active.id, record: true,
      }));
      fired += res.firings.length;
    }
    return fired;
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.conn) (await this.conn).close();
  }
}
