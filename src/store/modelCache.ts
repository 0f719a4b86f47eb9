// Trained models kept in the store so a recompute on unchanged data skips training.
import { typedJsonFromValue, valueFromTypedJson } from '../domain/typedJson.ts';
import type { Store } from './store.ts';

export async function cachedModel<T>(store: Store, key: string): Promise<T | undefined> {
  const row = await store.one<{ model: string }>(`SELECT model FROM model_cache WHERE cache_key = ?`, [key]);
  return row ? valueFromTypedJson<T>(row.model) : undefined;
}

export async function cacheModel(store: Store, key: string, model: unknown): Promise<void> {
  await store.run(
    `INSERT INTO model_cache VALUES (?, ?, now()::TIMESTAMP) ON CONFLICT (cache_key) DO UPDATE SET model = excluded.model, created_at = excluded.created_at`,
    [key, typedJsonFromValue(model)],
  );
}

/**
 * What the history tables hold, cheaply: any import or ingest changes it, so stale models are not reused.
 * With `before` (a wall-clock timestamp), only time-stamped rows before it count: a model trained on the
 * history before an as-of date stays valid when later rows arrive — e.g. the contacts a TOR export
 * records at its send date.
 */
export async function dataFingerprint(store: Store, before?: string): Promise<string> {
  const until = (col: string) => (before ? ` WHERE ${col} < ?::TIMESTAMP` : '');
  // Integer sums of row hashes: exact and order-independent (a float sum of amounts is not
  // reproducible under parallel aggregation).
  const r = await store.one<Record<string, unknown>>(
    `SELECT
    (SELECT count(*) || ':' || coalesce(sum(hash(x)), 0) FROM order_lines x${until('ts')}) AS l,
    (SELECT count(*) || ':' || coalesce(sum(hash(x)), 0) FROM events x${until('ts')}) AS e,
    (SELECT count(*) || ':' || coalesce(sum(hash(x)), 0) FROM contacts x${until('sent_at')}) AS c,
    (SELECT count(*) || ':' || coalesce(sum(hash(x)), 0) FROM responses x${until('redeemed_at')}) AS r,
    (SELECT count(*) || ':' || coalesce(sum(hash(x)), 0) FROM products x) AS p,
    (SELECT count(*) || ':' || coalesce(sum(hash(x)), 0) FROM customers x) AS cu,
    (SELECT value::VARCHAR FROM meta WHERE key = 'hierarchy') AS h`,
    before ? [before, before, before, before] : [],
  );
  return JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
}
