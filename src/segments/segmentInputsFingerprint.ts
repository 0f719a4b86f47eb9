// Everything a segment refresh reads, summarised, so a refresh as of the same date with the same
// expression is reused only while none of it changed: the store's exact data fingerprint (history,
// events, contacts, responses, products, customers: store/modelCache.ts) plus the model outputs an
// expression may name (stored recommendations, TOR results).
import { RECS_TABLE } from '../recs/recsOutput.ts';
import { dataFingerprint } from '../store/modelCache.ts';
import type { Store } from '../store/store.ts';

export async function segmentInputsFingerprint(store: Store): Promise<string> {
  const recs = await store.one(`SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'`, [RECS_TABLE]);
  const outputs = await store.one<Record<string, unknown>>(`SELECT
      (SELECT max(computed_at) FROM tors) AS tors_at, (SELECT count(*) FROM tor_results) AS tor_rows
      ${recs ? `, (SELECT count(*) FROM ${RECS_TABLE}) AS recs, (SELECT max(last_update_date) FROM ${RECS_TABLE}) AS recs_at` : ''}`);
  return `${await dataFingerprint(store)}:${JSON.stringify(outputs, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))}`;
}
