// Job records: what ran, for whom, how it ended. The runner keeps live state in memory and
// writes here on every status change (progress at most every half second).
import type { Store } from './store.ts';
import { isoOrNull } from '../domain/isoOrNull.ts';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobRecord {
  jobId: string;
  op: string;
  input: unknown;
  status: JobStatus;
  progress: number;
  stage: string | null;
  result: unknown;
  error: string | null;
  errorName: string | null;
  /** Structured detail of the error, e.g. an import's {problems: [{file, line, column, reason}], total}. */
  errorDetails: unknown;
  actor: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

function fromRow(r: Record<string, unknown>): JobRecord {
  return {
    jobId: String(r.job_id),
    op: String(r.op),
    input: r.input ? JSON.parse(String(r.input)) : null,
    status: r.status as JobStatus,
    progress: Number(r.progress ?? 0),
    stage: (r.stage as string) ?? null,
    result: r.result ? JSON.parse(String(r.result)) : null,
    error: (r.error as string) ?? null,
    errorName: (r.error_name as string) ?? null,
    errorDetails: r.error_details ? JSON.parse(String(r.error_details)) : null,
    actor: (r.actor as string) ?? null,
    createdAt: isoOrNull(r.created_at)!,
    startedAt: isoOrNull(r.started_at),
    finishedAt: isoOrNull(r.finished_at),
  };
}

const COLS = `job_id, op, input::VARCHAR AS input, status, progress, stage, result::VARCHAR AS result, error, error_name, actor,
  created_at, started_at, finished_at, error_details::VARCHAR AS error_details`;

export async function saveJob(store: Store, j: JobRecord): Promise<void> {
  await store.run(
    `INSERT INTO jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, ?::TIMESTAMP, ?)
     ON CONFLICT (job_id) DO UPDATE SET status = excluded.status, progress = excluded.progress, stage = excluded.stage,
       result = excluded.result, error = excluded.error, error_name = excluded.error_name, error_details = excluded.error_details,
       started_at = excluded.started_at, finished_at = excluded.finished_at`,
    [
      j.jobId,
      j.op,
      JSON.stringify(j.input ?? null),
      j.status,
      j.progress,
      j.stage,
      JSON.stringify(j.result ?? null),
      j.error,
      j.errorName,
      j.actor,
      j.createdAt.replace('Z', ''),
      j.startedAt?.replace('Z', '') ?? null,
      j.finishedAt?.replace('Z', '') ?? null,
      j.errorDetails == null ? null : JSON.stringify(j.errorDetails),
    ],
  );
}

export async function getJobRecord(store: Store, jobId: string): Promise<JobRecord | undefined> {
  const r = await store.one(`SELECT ${COLS} FROM jobs WHERE job_id = ?`, [jobId]);
  return r ? fromRow(r) : undefined;
}

/** Newest first; `op` keeps one operation's jobs (e.g. 'import' for the import history). */
export async function listJobRecords(store: Store, opts: { limit: number; status?: JobStatus; op?: string }): Promise<JobRecord[]> {
  const conds = [...(opts.status ? ['status = ?'] : []), ...(opts.op ? ['op = ?'] : [])];
  const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
  const params = [...(opts.status ? [opts.status] : []), ...(opts.op ? [opts.op] : []), opts.limit];
  const rows = await store.all(`SELECT ${COLS} FROM jobs ${where} ORDER BY created_at DESC, job_id DESC LIMIT ?`, params);
  return rows.map(fromRow);
}

/** Jobs a crash left queued or running: marked failed with the reason. Returns them (before the update). */
export async function failInterruptedJobs(store: Store, reason: string): Promise<JobRecord[]> {
  const rows = (await store.all(`SELECT ${COLS} FROM jobs WHERE status IN ('queued', 'running')`)).map(fromRow);
  if (rows.length) {
    await store.run(
      `UPDATE jobs SET status = 'failed', error = ?, error_name = 'Interrupted', finished_at = now()::TIMESTAMP
                     WHERE status IN ('queued', 'running')`,
      [reason],
    );
  }
  return rows;
}
