// Trigger rules on ingest: the active rule set evaluated for the ingested customers alone, as of each
// one's ingest instant (history ts <= that instant), firings recorded in one transaction per instant.
// Rule audiences are the exception: their features rank every customer (percent ranks, tiers), which
// costs about a second on 20,000 customers, so in real time an audience is resolved once per day, as of
// that day's midnight, and kept in a temp table of the connection (batch `rules apply` resolves it as
// of its own date).
// Called by the server after each ingested order line or event (live/liveRules.ts) and by the
// in-process `nextbest ingest`, so both paths fire the same rules.
import { wallClockNow } from '../domain/wallClockNow.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';
import { checkRuleSet } from './checkRuleSet.ts';
import { evaluateRules } from './evaluateRules.ts';
import { ruleSetFromSource } from './ruleSetFromSource.ts';
import { activeRuleSet } from './ruleSetTable.ts';
import type { RuleSet } from './ruleTypes.ts';
import { ruleAudienceSql } from './ruleAudienceSql.ts';
import { customerColumns } from '../store/customerColumns.ts';
import type { Offer } from '../domain/types.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import { quoteLiteral } from '../store/store.ts';
import { DAY } from '../math/day.ts';

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
// per connection (temp tables live there): the day and rule set the audience tables were built for
const audienceCache = new WeakMap<Store, { key: string; tables: Map<string, string> }>();
let tableSeq = 0;

/** Every audience of the set's rules (their own, and their offer's for level 'audience') as of midnight of `at`'s day. */
async function audiencesOfDay(
  store: Store,
  set: RuleSet,
  ruleSetId: string,
  offers: Map<string, Offer>,
  at: Date,
): Promise<Map<string, string>> {
  const midnight = new Date(Math.floor(at.getTime() / DAY) * DAY);
  const key = `${ruleSetId}@${midnight.getTime()}`;
  const cached = audienceCache.get(store);
  if (cached?.key === key) return cached.tables;
  const texts = new Set<string>();
  for (const r of set.rules) {
    if (r.audience) texts.add(r.audience);
    const offer = offers.get(r.offer);
    if (offer?.level === 'audience' && offer.audience) texts.add(offer.audience);
  }
  const cols = await customerColumns(store);
  const tables = new Map<string, string>();
  for (const text of texts) {
    const name = `rule_audience_${++tableSeq}`;
    await store.run(
      `CREATE OR REPLACE TEMP TABLE ${name} AS ${ruleAudienceSql(cols, text, `TIMESTAMP ${quoteLiteral(isoLocal(midnight))}`)}`,
    );
    tables.set(text, name);
  }
  for (const old of cached?.tables.values() ?? []) await store.run(`DROP TABLE IF EXISTS ${old}`);
  audienceCache.set(store, { key, tables });
  return tables;
}

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
    const audienceTables = await audiencesOfDay(store, set, active.id, offers, new Date(t));
    const res = await store.transaction(() =>
      evaluateRules(store, set, offers, {
        asOf: new Date(t + 1),
        firedAt: new Date(t),
        customers,
        source: 'realtime',
        ruleSet: active.id,
        record: true,
        audienceTables,
      }),
    );
    fired += res.firings.length;
  }
  return fired;
}
