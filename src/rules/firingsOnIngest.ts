// Trigger rules on ingest: the active rule set evaluated for the ingested customers alone, as of each
// one's ingest instant (history ts <= that instant), firings recorded in one transaction per instant.
// Called by the server after each ingested order line or event (live/liveRules.ts) and by the
// in-process `nextbest ingest`, so both paths fire the same rules.
import { wallClockNow } from '../recs/ingestPurchase.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';
import { checkRuleSet } from './checkRuleSet.ts';
import { evaluateRules } from './evaluateRules.ts';
import { ruleSetFromSource } from './ruleSetFromSource.ts';
import { activeRuleSet } from './ruleSetTable.ts';
import type { RuleSet } from './ruleTypes.ts';

export type Ingested = { customerId: string; ts?: string };

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

// the last parsed rule set, by id (a rule set is immutable once loaded)
let parsed: { id: string; set: RuleSet } | null = null;

/** Evaluates the active rule set for the ingested customers; returns the number of firings recorded. */
export async function firingsOnIngest(store: Store, items: Ingested[]): Promise<number> {
  const active = await activeRuleSet(store);
  if (!active || items.length === 0) return 0;
  if (parsed?.id !== active.id) parsed = { id: active.id, set: ruleSetFromSource(active.source, active.name) };
  const set = parsed.set;
  const offers = await checkRuleSet(store, set);
  // customers ingested at the same instant are evaluated together
  const byInstant = new Map<number, string[]>();
  for (const [customer, at] of ingestInstants(items, wallClockNow())) {
    byInstant.set(at.getTime(), [...(byInstant.get(at.getTime()) ?? []), customer]);
  }
  let fired = 0;
  for (const [t, customers] of byInstant) {
    const res = await store.transaction(() =>
      evaluateRules(store, set, offers, {
        asOf: new Date(t + 1),
        firedAt: new Date(t),
        customers,
        source: 'realtime',
        ruleSet: active.id,
        record: true,
      }),
    );
    fired += res.firings.length;
  }
  return fired;
}
