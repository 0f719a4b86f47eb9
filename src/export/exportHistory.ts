// The `exports` table: one row per export attempt, successful or not. Targets are stored as
// their secret-free label (targetLabel), so the history never holds a password.
import type { Store } from '../store/store.ts';

export type ExportStatus = 'ok' | 'error';

export interface ExportRecord {
  exportId: string;
  torId: string | null;
  /** targetLabel(): local absolute path or sftp://user@host:port/path. */
  target: string;
  format: string;
  layout: string | null;
  rows: number | null;
  bytes: number | null;
  status: ExportStatus;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export async function recordExport(store: Store, rec: ExportRecord): Promise<void> {
  await store.run(
    `INSERT INTO exports (export_id, tor_id, target, format, layout, rows, bytes, status, error, started_at, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP)`,
    [
      rec.exportId,
      rec.torId,
      rec.target,
      rec.format,
      rec.layout,
      rec.rows === null ? null : BigInt(rec.rows),
      rec.bytes === null ? null : BigInt(rec.bytes),
      rec.status,
      rec.error,
      rec.startedAt.toISOString(),
      rec.finishedAt?.toISOString() ?? null,
    ],
  );
}

interface ExportRow {
  export_id: string;
  tor_id: string | null;
  target: string;
  format: string;
  layout: string | null;
  rows: bigint | null;
  bytes: bigint | null;
  status: string;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

/** Export history, newest first; only `torId`'s exports when given. */
export async function listExports(store: Store, torId?: string): Promise<ExportRecord[]> {
  const where = torId === undefined ? '' : 'WHERE tor_id = ?';
  const rows = await store.all<ExportRow>(
    `SELECT export_id, tor_id, target, format, layout, rows, bytes, status, error,
            strftime(started_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS started_at,
            strftime(finished_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS finished_at
     FROM exports ${where} ORDER BY exports.started_at DESC, export_id DESC`,
    torId === undefined ? undefined : [torId],
  );
  return rows.map((r) => ({
    exportId: r.export_id,
    torId: r.tor_id,
    target: r.target,
    format: r.format,
    layout: r.layout,
    rows: r.rows === null ? null : Number(r.rows),
    bytes: r.bytes === null ? null : Number(r.bytes),
    status: r.status as ExportStatus,
    error: r.error,
    startedAt: new Date(r.started_at),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
  }));
}
