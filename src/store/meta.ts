// Small JSON settings kept inside the store: declared hierarchy, saved import mappings, ids.
import type { Store } from './store.ts';

export async function getMeta<T>(store: Store, key: string): Promise<T | undefined> {
  const row = await store.one<{ value: string }>(`SELECT value::VARCHAR AS value FROM meta WHERE key = ?`, [key]);
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export async function setMeta(store: Store, key: string, value: unknown): Promise<void> {
  await store.run(`INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [key, JSON.stringify(value)]);
}

/** The declared product hierarchy, top level first (e.g. ['department', 'family']). */
export async function getHierarchy(store: Store): Promise<string[]> {
  return (await getMeta<string[]>(store, 'hierarchy')) ?? [];
}
