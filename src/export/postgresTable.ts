// The warehouse "predictions table" pattern: a query's rows replace a PostgreSQL table atomically.
// Rows go into a new table `<name>__new_<random>` in batches; then ONE transaction drops the old
// table and renames the new one, so readers see the old rows or the new ones, never a mix. Any
// failure before the swap drops the new table and leaves the old one as it was.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { UserError } from '../domain/errors.ts';
import { connectPostgres, postgresLabel, postgresTableName, type PostgresEndpoint } from '../ingest/postgresConnection.ts';
import { quoteIdent, type Store } from '../store/store.ts';
import type { SqlQuery } from './torLayoutSql.ts';

export interface PostgresTableTarget {
  endpoint: PostgresEndpoint;
  /** `schema.table` or `table` (folded to lower case, as PostgreSQL does with unquoted names). */
  table: string;
}

export interface PostgresTableResult {
  /** postgres://user@host:port/db#schema.table — never a password. */
  target: string;
  rows: number;
  columns: string[];
}

export interface PostgresTableOptions {
  /** Rows per INSERT (default 50,000). */
  batchRows?: number;
  /** After each batch: rows written so far of `total` (awaited: a job's progress, a test's probe). */
  onRows?: (rows: number, total: number) => void | Promise<void>;
  env?: NodeJS.ProcessEnv;
}

const SUFFIX = '__new_';

/** DuckDB column type → PostgreSQL column type; anything unusual travels as text. */
export function postgresType(duck: string): string {
  const t = duck.toUpperCase();
  if (t === 'VARCHAR') return 'text';
  if (t === 'INTEGER' || t === 'SMALLINT' || t === 'TINYINT' || t === 'USMALLINT' || t === 'UTINYINT') return 'integer';
  if (t === 'BIGINT' || t === 'UINTEGER') return 'bigint';
  if (t === 'HUGEINT' || t === 'UBIGINT' || t.startsWith('DECIMAL')) return 'numeric';
  if (t === 'DOUBLE' || t === 'FLOAT') return 'double precision';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE') return 'date';
  if (t === 'TIMESTAMP' || t.startsWith('TIMESTAMP_')) return 'timestamp';
  if (t === 'TIMESTAMP WITH TIME ZONE') return 'timestamptz';
  return 'text';
}

const pgIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;

export async function replacePostgresTable(
  store: Store,
  query: SqlQuery,
  to: PostgresTableTarget,
  opts: PostgresTableOptions = {},
): Promise<PostgresTableResult> {
  // Leave room for the suffix within PostgreSQL's 63-character names.
  const t = postgresTableName(to.table, 63 - SUFFIX.length - 8);
  const target = `${postgresLabel(to.endpoint)}#${t.schema ? t.schema + '.' : ''}${t.name}`;
  const batch = opts.batchRows ?? 50_000;
  // Materialised once, then read by rowid ranges: each batch is a cheap slice, whatever the query costs.
  const staged = `__nb_pg_export_${randomBytes(4).toString('hex')}`;
  await store.run(`CREATE TEMP TABLE ${quoteIdent(staged)} AS ${query.sql}`, query.params);
  let client: pg.Client | null = null;
  const fresh = `${t.name}${SUFFIX}${randomBytes(4).toString('hex')}`;
  const freshSql = (t.schema ? `${pgIdent(t.schema)}.` : '') + pgIdent(fresh);
  let created = false;
  try {
    const cols = await store.all<{ name: string; type: string }>(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns
       WHERE table_name = ? AND table_catalog = 'temp' ORDER BY ordinal_position`,
      [staged],
    );
    const total = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${quoteIdent(staged)}`))!.n);
    client = await connectPostgres(to.endpoint, opts.env);
    const pgc = client;
    const fail = (what: string) => (e: unknown) => {
      throw e instanceof UserError ? e : new UserError(`${target}: ${what}: ${(e as Error).message}`);
    };
    // One export per target at a time; leftovers of a killed export (same name pattern) go first.
    await pgc.query(`SELECT pg_advisory_lock(hashtext($1))`, [`nextbest:${t.sql}`]).catch(fail('cannot lock the target'));
    await dropLeftovers(pgc, t.schema, t.name);
    const types = cols.map((c) => postgresType(c.type));
    const defs = cols.map((c, i) => `${pgIdent(c.name)} ${types[i]}`).join(', ');
    await pgc.query(`CREATE TABLE ${freshSql} (${defs})`).catch(fail('cannot create the new table'));
    created = true;
    const args = cols.map((_, i) => `$${i + 1}::text[]`).join(', ');
    const aliases = cols.map((_, i) => `c${i}`);
    const insert = `INSERT INTO ${freshSql} SELECT ${aliases.map((a, i) => `${a}::${types[i]}`).join(', ')}
      FROM unnest(${args}) AS u(${aliases.join(', ')})`;
    // Every value crosses as text: DuckDB's text form of a double is its shortest exact form.
    const asText = cols.map((c) => `${quoteIdent(c.name)}::VARCHAR AS ${quoteIdent(c.name)}`).join(', ');
    for (let from = 0; from < total; from += batch) {
      const rows = await store.all<Record<string, string | null>>(
        `SELECT ${asText} FROM ${quoteIdent(staged)} WHERE rowid >= ? AND rowid < ? ORDER BY rowid`,
        [from, from + batch],
      );
      const arrays = cols.map((c) => rows.map((r) => r[c.name]));
      await pgc.query(insert, arrays).catch(fail('writing rows failed'));
      await opts.onRows?.(Math.min(from + batch, total), total);
    }
    // The swap: readers block for the instant it takes, then see the new table under the old name.
    await pgc.query('BEGIN');
    try {
      await pgc.query(`DROP TABLE IF EXISTS ${t.sql}`);
      await pgc.query(`ALTER TABLE ${freshSql} RENAME TO ${pgIdent(t.name)}`);
      await pgc.query('COMMIT');
    } catch (e) {
      await pgc.query('ROLLBACK').catch(() => undefined);
      fail('swapping the new table in failed')(e);
    }
    created = false;
    return { target, rows: total, columns: cols.map((c) => c.name) };
  } finally {
    if (client && created) await client.query(`DROP TABLE IF EXISTS ${freshSql}`).catch(() => undefined);
    await client?.end().catch(() => undefined);
    await store.run(`DROP TABLE IF EXISTS ${quoteIdent(staged)}`);
  }
}

/** Tables `<name>__new_<8 hex>` left by an export that was killed before it could clean up. */
async function dropLeftovers(client: pg.Client, schema: string | null, name: string): Promise<void> {
  const res = await client.query<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.tables
     WHERE table_schema = coalesce($1, current_schema()) AND table_name ~ $2`,
    [schema, `^${name.replace(/[$]/g, '\\$')}${SUFFIX}[0-9a-f]{8}$`],
  );
  for (const r of res.rows) await client.query(`DROP TABLE IF EXISTS ${schema ? pgIdent(schema) + '.' : ''}${pgIdent(r.t)}`);
}
