// Exports one TOR's stored result in a chosen layout and format, and records the attempt in the
// `exports` history whether it succeeds or fails.
import { randomBytes } from 'node:crypto';
import { NotFoundError, UserError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import { EXPORT_FORMATS, type ExportFormat } from './copySql.ts';
import { recordExport, type ExportRecord } from './exportHistory.ts';
import type { OnExportProgress } from './exportProgress.ts';
import { exportQuery } from './exportQuery.ts';
import type { SftpUploadConfig } from './sftpUpload.ts';
import { targetLabel, type Target } from './target.ts';
import {
  allScoresLayoutQuery,
  allScoresTableQuery,
  longLayoutQuery,
  TOR_LAYOUTS,
  wideLayoutQuery,
  type SqlQuery,
  type TorLayout,
} from './torLayoutSql.ts';

export interface ExportTorOptions {
  torId: string;
  layout: TorLayout;
  format: ExportFormat;
  target: Target;
  /** long layout: add the `reason` column (default false). */
  withReason?: boolean;
  /** Also write the control group's rows (flagged in the `group` column); default: only the treated. */
  includeControl?: boolean;
  /**
   * all-scores layout: a SELECT giving customer_id, offer_id, score for every scored pair (rank is
   * computed). Default: the stored tor_scores rows of the TOR.
   */
  allScores?: SqlQuery;
  onProgress?: OnExportProgress;
  /** CSV digits after the point for scores (default 6). */
  floatDecimals?: number;
  /** CSV: text cells starting with = + - @ get a leading ' (formula injection). */
  spreadsheetSafe?: boolean;
  sftp?: Partial<SftpUploadConfig>;
}

/** Sortable, readable id: ex-20240131T101500-1a2b3c. */
export function newExportId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '');
  return `ex-${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Offers per customer for the wide layout: the TOR's setting, or more if the stored result has more. */
async function wideSlots(store: Store, torId: string, configured: number | null): Promise<number> {
  const row = await store.one<{ k: number | null }>(
    `SELECT max(n)::INTEGER AS k FROM (SELECT count(*) AS n FROM tor_results WHERE tor_id = ? GROUP BY customer_id)`,
    [torId],
  );
  return Math.max(configured ?? 0, row?.k ?? 0);
}

/** The long layout carries the segment/map rule and message columns when the stored result has them. */
async function notedColumns(store: Store, torId: string): Promise<{ segment: boolean; message: boolean; group: boolean }> {
  const r = await store.one<{ s: bigint; m: bigint; a: bigint }>(
    `SELECT count(segment) AS s, count(message) AS m, count(arm) AS a FROM tor_results WHERE tor_id = ?`,
    [torId],
  );
  return { segment: Number(r?.s ?? 0) > 0, message: Number(r?.m ?? 0) > 0, group: Number(r?.a ?? 0) > 0 };
}

async function queryForLayout(store: Store, opts: ExportTorOptions): Promise<SqlQuery> {
  if (!TOR_LAYOUTS.includes(opts.layout)) throw new UserError(`unknown export layout '${opts.layout}': use ${TOR_LAYOUTS.join(', ')}`);
  if (!EXPORT_FORMATS.includes(opts.format))
    throw new UserError(`unknown export format '${opts.format}': use ${EXPORT_FORMATS.join(' or ')}`);
  const tor = await store.one<{ status: string; priority_count: number }>(`SELECT status, priority_count FROM tors WHERE tor_id = ?`, [
    opts.torId,
  ]);
  const stored = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM tor_results WHERE tor_id = ?`, [opts.torId]);
  const hasResults = Number(stored?.n ?? 0) > 0;
  if (!tor && !hasResults) throw new NotFoundError(`TOR '${opts.torId}' not found`);
  if (tor && !hasResults && tor.status !== 'ready' && tor.status !== 'exported') {
    throw new UserError(`TOR '${opts.torId}' has no result to export (status ${tor.status}): compute it first`);
  }
  switch (opts.layout) {
    case 'long':
      return longLayoutQuery(opts.torId, {
        reason: opts.withReason ?? false,
        ...(await notedColumns(store, opts.torId)),
        includeControl: opts.includeControl,
      });
    case 'wide': {
      const { group } = await notedColumns(store, opts.torId);
      const k = await wideSlots(store, opts.torId, tor?.priority_count ?? null);
      return wideLayoutQuery(opts.torId, k, { group, includeControl: opts.includeControl });
    }
    case 'all-scores':
      if (opts.allScores) return allScoresLayoutQuery(opts.allScores);
      if (!(await store.one(`SELECT 1 FROM tor_scores WHERE tor_id = ? LIMIT 1`, [opts.torId]))) {
        throw new UserError(`TOR '${opts.torId}' has no stored all-scores table: compute it again keeping every score`);
      }
      return allScoresTableQuery(opts.torId, opts.includeControl);
  }
}

/**
 * Exports TOR `torId` and returns its history record. On failure the error row is recorded
 * (status 'error', message, no rows/bytes) and the original error is rethrown.
 */
export async function exportTorResults(store: Store, opts: ExportTorOptions): Promise<ExportRecord & { sha256: string }> {
  const startedAt = new Date();
  const base = {
    exportId: newExportId(startedAt),
    torId: opts.torId,
    target: targetLabel(opts.target),
    format: String(opts.format),
    layout: String(opts.layout),
    startedAt,
  };
  try {
    const q = await queryForLayout(store, opts);
    const res = await exportQuery(store, {
      sql: q.sql,
      params: q.params,
      format: opts.format,
      target: opts.target,
      onProgress: opts.onProgress,
      floatDecimals: opts.floatDecimals,
      spreadsheetSafe: opts.spreadsheetSafe,
      sftp: opts.sftp,
    });
    const rec: ExportRecord = { ...base, rows: res.rows, bytes: res.bytes, status: 'ok', error: null, finishedAt: new Date() };
    await recordExport(store, rec);
    return { ...rec, sha256: res.sha256 };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await recordExport(store, { ...base, rows: null, bytes: null, status: 'error', error: message, finishedAt: new Date() });
    throw e;
  }
}
