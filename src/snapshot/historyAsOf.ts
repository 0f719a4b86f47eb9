// The default as-of date comes from bulk history, not from whatever arrived last. A purchase
// ingested in real time with today's date must not move every customer's as-of (recency, segments
// and repurchase decay of the whole base would jump to today), so the default is kept in meta:
// bulk imports advance it to the midnight after their latest line; real-time lines never move it
// (the first one pins the value computed from the history stored before it).
import { getMeta, setMeta } from '../store/meta.ts';
import { quoteIdent, type Store } from '../store/store.ts';

export const HISTORY_AS_OF_KEY = 'history_as_of';

const MIDNIGHT_AFTER = `strftime(date_trunc('day', max(ts)) + INTERVAL 1 DAY, '%Y-%m-%d %H:%M:%S')`;

async function midnightAfterLatest(store: Store, table: string): Promise<string | null> {
  const row = await store.one<{ d: string | null }>(`SELECT ${MIDNIGHT_AFTER} AS d FROM ${quoteIdent(table)}`);
  return row?.d ?? null;
}

/** The recorded default as-of ('YYYY-MM-DD HH:MM:SS' wall clock), or null when none is recorded. */
export async function recordedHistoryAsOf(store: Store): Promise<string | null> {
  return (await getMeta<string>(store, HISTORY_AS_OF_KEY)) ?? null;
}

/**
 * After a bulk import of order lines (inside its transaction): the default as-of becomes the later
 * of the recorded one and the midnight after the imported lines; without a record, the midnight
 * after every stored line (all of them are bulk history then: a real-time line would have pinned it).
 */
export async function recordImportedHistory(store: Store, importedTable: string): Promise<void> {
  const recorded = await recordedHistoryAsOf(store);
  const batch = recorded ? await midnightAfterLatest(store, importedTable) : await midnightAfterLatest(store, 'order_lines');
  const next = [recorded, batch]
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1);
  if (next && next !== recorded) await setMeta(store, HISTORY_AS_OF_KEY, next);
}

/** Before storing real-time lines (inside their transaction): pins the default as-of if not yet recorded. */
export async function pinHistoryAsOf(store: Store): Promise<void> {
  if (await recordedHistoryAsOf(store)) return;
  const d = await midnightAfterLatest(store, 'order_lines');
  if (d) await setMeta(store, HISTORY_AS_OF_KEY, d);
}
