// A cheap summary of everything a segment refresh reads (history, events, contacts, responses, the
// customers table, stored recommendations and TOR results), so a refresh as of the same date with the
// same expression is reused only while none of it changed.
import { RECS_TABLE } from '../recs/recsOutput.ts';
import type { Store } from '../store/store.ts';

export async function dataFingerprint(store: Store): Promise<string> {
  const recs = await store.one(`SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'`, [RECS_TABLE]);
  const r = await store.one<Record<string, unknown>>(`SELECT
      (SELECT count(*) FROM order_lines) AS lines, (SELECT max(ts) FROM order_lines) AS lines_ts,
      (SELECT count(*) FROM events) AS events, (SELECT max(ts) FROM events) AS events_ts,
      (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM responses) AS responses,
      (SELECT count(*) FROM customers) AS customers,
      (SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers') AS customer_columns,
      (SELECT max(computed_at) FROM tors) AS tors_at, (SELECT count(*) FROM tor_results) AS tor_rows
      ${recs ? `, (SELECT count(*) FROM ${RECS_TABLE}) AS recs, (SELECT max(last_update_date) FROM ${RECS_TABLE}) AS recs_at` : ''}`);
  return JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
}
