// Imports a PostgreSQL table or query into a canonical table. The rows stream through a cursor into
// a temporary CSV file (postgresCsvFile.ts), which then takes the same path as any file import:
// mapping, validation, one all-or-nothing transaction. Problems name the source as
// `postgres:<table or query>` and give the row number of the result (1 = first row returned).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, UserError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import type { ImportOptions, ImportProgress, ImportSummary } from './importFile.ts';
import { importFileAs } from './importFileAs.ts';
import { csvFromQuery, type CsvFromQuery } from './postgresCsvFile.ts';
import { connectPostgres, postgresEndpoint, postgresTableName } from './postgresConnection.ts';

/** File-reading options do not apply: the CSV is ours, written in one known dialect. */
export type PostgresImportOptions = Omit<ImportOptions, 'file' | 'format' | 'delimiter' | 'header' | 'encoding' | 'decimalComma'> & {
  /** postgres://user@host[:port]/db (no password: NEXTBEST_PG_PASSWORD / PGPASSWORD). */
  from: string;
  /** A table or view, `schema.table` or `table`: every column, in the server's row order. */
  pgTable?: string;
  /** A SELECT; give it an ORDER BY for stable row numbers in messages. */
  query?: string;
  /** Rows per cursor fetch (default 50,000). */
  batchRows?: number;
};

/** The SELECT to run and the name messages show for it. */
export function postgresQuery(opts: Pick<PostgresImportOptions, 'pgTable' | 'query'>): { sql: string; label: string } {
  if (Boolean(opts.pgTable) === Boolean(opts.query?.trim())) throw new UserError('give exactly one of a PostgreSQL table or a query');
  if (opts.pgTable) {
    const t = postgresTableName(opts.pgTable);
    return { sql: `SELECT * FROM ${t.sql}`, label: `postgres:${t.schema ? t.schema + '.' : ''}${t.name}` };
  }
  const sql = opts.query!.trim().replace(/;\s*$/, '');
  const short = sql.replace(/\s+/g, ' ');
  return { sql, label: `postgres:${short.length > 80 ? short.slice(0, 79) + '…' : short}` };
}

export async function importFromPostgres(
  store: Store,
  opts: PostgresImportOptions,
  progress?: ImportProgress,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ImportSummary> {
  const endpoint = postgresEndpoint(opts.from);
  const { sql, label } = postgresQuery(opts);
  const { from: _from, pgTable: _t, query: _q, batchRows, ...importOpts } = opts;
  const dir = await mkdtemp(join(tmpdir(), 'nextbest-pg-'));
  const file = join(dir, 'rows.csv');
  try {
    const client = await connectPostgres(endpoint, env);
    let csv: CsvFromQuery;
    try {
      // REPEATABLE READ: every batch of the cursor reads the same snapshot of the source.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      csv = await csvFromQuery(client, sql, file, label, {
        batchRows,
        onRows: (n) => progress?.update(0, 5, `reading from PostgreSQL: ${n.toLocaleString('en-US')} rows`),
      });
      await client.query('COMMIT');
    } finally {
      await client.end().catch(() => undefined);
    }
    const fileOpts: ImportOptions = {
      ...importOpts,
      file,
      format: 'csv',
      delimiter: ',',
      header: true,
      encoding: 'utf-8',
      decimalComma: false,
    };
    try {
      const summary = await importFileAs(store, fileOpts, label, progress);
      return { ...summary, dialect: null };
    } catch (e) {
      throw e instanceof InputError ? inRows(e, csv, label) : e;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** CSV lines in problems → row numbers of the query result. */
function inRows(e: InputError, csv: CsvFromQuery, label: string): InputError {
  const problems = e.problems.map((p) => ({
    ...p,
    line: csv.rowOfLine(p.line),
    reason: p.reason.replace(/first at line (\d+)/, (_, l: string) => `first at row ${csv.rowOfLine(Number(l))}`),
  }));
  return new InputError(problems, e.total, `${label}: ${e.total} problem(s) found (at row numbers of the result); nothing was written`);
}
