// Loaded rule files: each load stores the file's text (so a later apply or the server evaluates
// exactly what was validated); the latest load is the active rule set.
import type { Store } from '../store/store.ts';

export interface StoredRuleSet {
  id: string;
  name: string;
  source: string;
  rules: number;
  loadedAt: Date;
  actor: string | null;
}

export async function activeRuleSet(store: Store): Promise<StoredRuleSet | null> {
  const r = await store.one<StoredRuleSet>(`SELECT id, name, source, rules, loaded_at AS "loadedAt", actor FROM rule_sets
    ORDER BY loaded_at DESC, id DESC LIMIT 1`);
  return r ?? null;
}

/** Stores a validated rule file as the new active set; ids are rs-1, rs-2, … in load order. */
export async function saveRuleSet(store: Store, s: { name: string; source: string; rules: number; actor: string }): Promise<string> {
  const n = await store.one<{ n: number }>(`SELECT coalesce(max(TRY_CAST(substr(id, 4) AS INTEGER)), 0) + 1 AS n FROM rule_sets`);
  const id = `rs-${n!.n}`;
  await store.run(`INSERT INTO rule_sets VALUES (?, ?, ?, ?, now()::TIMESTAMP, ?)`, [id, s.name, s.source, s.rules, s.actor]);
  return id;
}
