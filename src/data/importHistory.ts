// Import history: the server's import jobs (op 'import'), newest first, with what each read and
// wrote or why it failed. Imports run in-process by the CLI without a server leave no job record.
import type { ImportSummary } from '../ingest/importFile.ts';
import { recipeByName } from '../ingest/recipes.ts';
import { listJobRecords, type JobStatus } from '../store/jobTable.ts';
import type { Store } from '../store/store.ts';

export interface ImportHistoryEntry {
  jobId: string;
  status: JobStatus;
  table: string | null;
  /** As the caller named it (the typed path, or an upload's original name). */
  file: string | null;
  recipe: string | null;
  dryRun: boolean;
  rows: { read: number; kept: number; inserted: number; updated: number; unchanged: number } | null;
  /** A failed import's message: its first line sums up, each further line is one file:line: column problem. */
  error: string | null;
  actor: string | null;
  createdAt: string;
  finishedAt: string | null;
}

interface ImportInput { table?: string; recipe?: string; file?: string; fileLabel?: string; dryRun?: boolean }

export async function importHistory(store: Store, limit: number): Promise<ImportHistoryEntry[]> {
  const jobs = await listJobRecords(store, { limit, op: 'import' });
  return jobs.map((j) => {
    const input = (j.input ?? {}) as ImportInput;
    const s = j.result as ImportSummary | null;
    return {
      jobId: j.jobId, status: j.status, table: s?.table ?? tableOf(input), file: input.fileLabel ?? input.file ?? null,
      recipe: input.recipe ?? null, dryRun: Boolean(input.dryRun),
      rows: s ? { read: s.rowsRead, kept: s.rowsKept, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged } : null,
      error: j.error, actor: j.actor, createdAt: j.createdAt, finishedAt: j.finishedAt,
    };
  });
}

/** The table an import was asked to write: given, or its recipe's. */
function tableOf(input: ImportInput): string | null {
  if (input.table) return input.table;
  try { return input.recipe ? recipeByName(input.recipe).table : null; } catch { return null; }
}
