// `tor export ID --out postgres://… --pg-table schema.table`: the TOR's latest result, in the long
// layout plus tor_id and computed_at, replaces a PostgreSQL table atomically (postgresTable.ts).
// Like a file export it is a send: recorded in the export history, as contacts, and the TOR moves
// to Exported.
import { NotFoundError, UserError } from '../domain/errors.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';
import { getTor, setTorStatus } from '../store/torTable.ts';
import { isComputing } from '../tor/computeTor.ts';
import { recordTorContacts, sentAtOfTor, type RecordedContacts } from '../tor/recordTorContacts.ts';
import { assertTransition } from '../tor/torLifecycle.ts';
import { postgresLabel } from '../ingest/postgresConnection.ts';
import { recordExport, type ExportRecord } from './exportHistory.ts';
import { newExportId } from './exportTorResults.ts';
import { replacePostgresTable, type PostgresTableTarget } from './postgresTable.ts';
import { longLayoutQuery } from './torLayoutSql.ts';

export interface PostgresTorExportInput extends PostgresTableTarget {
  withReason?: boolean;
  includeControl?: boolean;
  /** Record the rows as contacts of this campaign (default true). */
  recordContacts?: boolean;
  /** Send date of the contacts (ISO); default the TOR's send date, else its as-of date. */
  sentAt?: string | null;
  batchRows?: number;
  onRows?: (rows: number, total: number) => void | Promise<void>;
  env?: NodeJS.ProcessEnv;
}

export interface PostgresTorExportResult extends ExportRecord {
  /** The PostgreSQL table written, schema.table. */
  table: string;
  columns: string[];
  contacts: RecordedContacts | null;
}

export async function exportTorToPostgres(store: Store, torId: string, input: PostgresTorExportInput): Promise<PostgresTorExportResult> {
  const tor = await getTor(store, torId);
  if (isComputing(torId)) assertTransition(torId, 'computing', 'exported');
  assertTransition(torId, tor.status, 'exported');
  const noted = await store.one<{ s: bigint; m: bigint; a: bigint; n: bigint }>(
    `SELECT count(segment) AS s, count(message) AS m, count(arm) AS a, count(*) AS n FROM tor_results WHERE tor_id = ?`,
    [torId],
  );
  if (!noted || Number(noted.n) === 0) {
    if (tor.status === 'ready' || tor.status === 'exported') throw new NotFoundError(`TOR '${torId}' has no stored result`);
    throw new UserError(`TOR '${torId}' has no result to export (status ${tor.status}): compute it first`);
  }
  const long = longLayoutQuery(torId, {
    reason: input.withReason ?? false,
    segment: Number(noted.s) > 0,
    message: Number(noted.m) > 0,
    group: Number(noted.a) > 0,
    includeControl: input.includeControl,
  });
  // Which result a reader of the warehouse table is looking at: the TOR and when it was computed.
  const query = {
    sql: `SELECT r.*, ?::VARCHAR AS tor_id, (SELECT computed_at FROM tors WHERE tor_id = ?) AS computed_at FROM (${long.sql}) AS r`,
    params: [...long.params, torId, torId],
  };
  const startedAt = new Date();
  const base = { exportId: newExportId(startedAt), torId, format: 'postgres', layout: 'long', startedAt };
  let res;
  try {
    res = await replacePostgresTable(store, query, input, { batchRows: input.batchRows, onRows: input.onRows, env: input.env });
  } catch (e) {
    const target = `${postgresLabel(input.endpoint)}#${input.table}`;
    const error = e instanceof Error ? e.message : String(e);
    await recordExport(store, { ...base, target, rows: null, bytes: null, status: 'error', error, finishedAt: new Date() });
    throw e;
  }
  const rec: ExportRecord = { ...base, target: res.target, rows: res.rows, bytes: null, status: 'ok', error: null, finishedAt: new Date() };
  await recordExport(store, rec);
  const contacts =
    input.recordContacts === false
      ? null
      : await recordTorContacts(store, tor, input.sentAt ? parseDateArg(input.sentAt) : sentAtOfTor(tor));
  await setTorStatus(store, torId, 'exported', { progress: 1 });
  return { ...rec, table: res.target.split('#')[1], columns: res.columns, contacts };
}
