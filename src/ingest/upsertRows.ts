// Idempotent upsert of a temp table's rows into a canonical table by key, in SQL: rows whose key
// is new are inserted, rows whose key exists and whose values differ are updated, the rest are
// counted as unchanged. Keys may hold NULLs (events.product_id), hence IS NOT DISTINCT FROM.
import { quoteIdent, type Store } from '../store/store.ts';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface UpsertInput {
  source: string;
  target: string;
  key: string[];
  /** Non-key columns written (others keep their stored value, or their default on insert). */
  columns: string[];
  dryRun: boolean;
}

export async function upsertRows(store: Store, u: UpsertInput): Promise<UpsertCounts> {
  const q = quoteIdent;
  const cols = [...u.key, ...u.columns].map(q).join(', ');
  // First load into an empty table: everything is new, skip the key join.
  const empty = !(await store.one(`SELECT 1 AS x FROM ${q(u.target)} LIMIT 1`));
  if (empty) {
    const n = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${q(u.source)}`))!.n);
    if (!u.dryRun && n > 0) await store.run(`INSERT INTO ${q(u.target)} (${cols}) SELECT ${cols} FROM ${q(u.source)}`);
    return { inserted: n, updated: 0, unchanged: 0 };
  }
  const flagged = q(`${u.source}_flags`);
  const on = u.key.map((k) => `s.${q(k)} IS NOT DISTINCT FROM t.${q(k)}`).join(' AND ');
  const differs = u.columns.length ? u.columns.map((c) => `s.${q(c)} IS DISTINCT FROM t.${q(c)}`).join(' OR ') : 'false';
  await store.run(`CREATE OR REPLACE TEMP TABLE ${flagged} AS
    SELECT s.*, t.__present IS NOT NULL AS __exists, coalesce(t.__present AND (${differs}), false) AS __changed
    FROM ${q(u.source)} s LEFT JOIN (SELECT *, true AS __present FROM ${q(u.target)}) t ON ${on}`);
  const c = (await store.one<{ n: bigint; e: bigint; ch: bigint }>(
    `SELECT count(*) AS n, count(*) FILTER (WHERE __exists) AS e, count(*) FILTER (WHERE __changed) AS ch FROM ${flagged}`,
  ))!;
  const counts = { inserted: Number(c.n - c.e), updated: Number(c.ch), unchanged: Number(c.e - c.ch) };
  if (!u.dryRun) {
    if (counts.updated > 0) {
      const set = u.columns.map((col) => `${q(col)} = s.${q(col)}`).join(', ');
      const where = u.key.map((k) => `s.${q(k)} IS NOT DISTINCT FROM ${q(u.target)}.${q(k)}`).join(' AND ');
      await store.run(`UPDATE ${q(u.target)} SET ${set} FROM (SELECT * FROM ${flagged} WHERE __changed) s WHERE ${where}`);
    }
    if (counts.inserted > 0) {
      await store.run(`INSERT INTO ${q(u.target)} (${cols}) SELECT ${cols} FROM ${flagged} WHERE NOT __exists`);
    }
  }
  await store.run(`DROP TABLE IF EXISTS ${flagged}`);
  return counts;
}

/** Adds attribute columns the table lacks (inside the caller's transaction, so a failure undoes it). */
export async function addMissingColumns(store: Store, table: string, columns: { name: string; type: string }[]): Promise<string[]> {
  const existing = new Set((await tableColumns(store, table)).map((c) => c.name.toLowerCase()));
  const added: string[] = [];
  for (const c of columns) {
    if (existing.has(c.name.toLowerCase())) continue;
    await store.run(`ALTER TABLE ${quoteIdent(table)} ADD COLUMN ${quoteIdent(c.name)} ${c.type}`);
    added.push(c.name);
  }
  return added;
}

export async function tableColumns(store: Store, table: string): Promise<{ name: string; type: string }[]> {
  return store.all<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns
     WHERE table_name = ? AND table_schema = 'main' AND table_catalog = current_database() ORDER BY ordinal_position`,
    [table],
  );
}
