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

/** What the history tables hold, cheaply: any import or ingest changes it, so stale models are not reused. */
export async function dataFingerprint(store: Store): Promise<string> {
  // Integer sums of row hashes: exact and order-independent (a float sum of amounts is not
  // reproducible under parallel aggregation).
  const r = await store.one<Record<string, unknown>>(`SELECT
    (SELECT count(*) || ':' || coalesce(sum(hash(x)), 0) FROM order_lines x) AS l,
    (SELECT count(*) || ':' || coalesce(sum(hash(x)), 0) FROM events x) AS e,
    (SELECT count(*) || ':' || coalesce(sum(hash(x)), 0) FROM contacts x) AS c,
    (SELECT count(*) || ':' || coalesce(sum(hash(x)), 0) FROM responses x) AS r,
    (SELECT count(*) || ':' || coalesce(sum(hash(x)), 0) FROM products x) AS p,
    (SELECT count(*) || ':' || coalesce(sum(hash(x)), 0) FROM customers x) AS cu,
    (SELECT value::VARCHAR FROM meta WHERE key = 'hierarchy') AS h`);
  return JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
}
