// Writes a query's result to a target as CSV or Parquet, via DuckDB COPY. Local targets are
// written to a temporary sibling then renamed; SFTP targets are written to a private temp folder,
// uploaded to a hidden temp sibling (staleTempFiles.ts), then renamed on the server.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { UserError } from '../domain/errors.ts';
import type { Params, Store } from '../store/store.ts';
import { copySqlFromQuery, DEFAULT_COPY_SQL_CONFIG, EXPORT_FORMATS, type ColumnInfo, type ExportFormat } from './copySql.ts';
import type { OnExportProgress } from './exportProgress.ts';
import { uploadFileSftp, type SftpUploadConfig } from './sftpUpload.ts';
import { targetLabel, type Target } from './target.ts';
import { writeAtomic } from './writeAtomic.ts';
import { noSpaceError } from './noSpaceError.ts';

export interface ExportQueryOptions {
  /** A SELECT that ends in ORDER BY a unique key (required for byte-identical CSV). */
  sql: string;
  params?: Params;
  format: ExportFormat;
  target: Target;
  onProgress?: OnExportProgress;
  /** CSV digits after the point for FLOAT/DOUBLE columns (default 6). */
  floatDecimals?: number;
  /** CSV: prefix text cells starting with = + - @ with a ' (copySql.ts). */
  spreadsheetSafe?: boolean;
  /** SFTP retry/timeout settings (tests also inject the client factory here). */
  sftp?: Partial<SftpUploadConfig>;
}

export interface ExportResult {
  rows: number;
  bytes: number;
  /** Where the file is: the absolute local path, or the sftp:// label (no secrets). */
  path: string;
  /** SHA-256 of the bytes written (hex), for manifests. */
  sha256: string;
}

async function sha256OfFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Result column names and types of `sql`, without running it. */
export async function columnsOfQuery(store: Store, sql: string): Promise<ColumnInfo[]> {
  return store.queryColumns(sql);
}

/** CSV compression named by the final name: the temp name ends in `.tmp`, so DuckDB cannot infer it from that. */
function csvCompression(finalPath: string): string | null {
  return /\.gz$/i.test(finalPath) ? 'gzip' : /\.zst$/i.test(finalPath) ? 'zstd' : null;
}

/** Runs COPY (sql) TO `path` and returns the row count DuckDB reports. */
async function copyToFile(store: Store, opts: ExportQueryOptions, path: string): Promise<number> {
  const columns = opts.format === 'csv' ? await columnsOfQuery(store, opts.sql) : [];
  let copy = copySqlFromQuery(opts.sql, columns, opts.format, path, {
    ...DEFAULT_COPY_SQL_CONFIG,
    ...(opts.floatDecimals === undefined ? {} : { floatDecimals: opts.floatDecimals }),
    spreadsheetSafe: opts.spreadsheetSafe ?? false,
  });
  const compression = opts.format === 'csv' ? csvCompression(opts.target.path) : null;
  if (compression) copy = copy.replace(/\)$/, `, COMPRESSION ${compression})`);
  const rows = await store.all<{ Count: bigint | number }>(copy, opts.params);
  return Number(rows[0]?.Count ?? 0);
}

export async function exportQuery(store: Store, opts: ExportQueryOptions): Promise<ExportResult> {
  if (!EXPORT_FORMATS.includes(opts.format))
    throw new UserError(`unknown export format '${opts.format}': use ${EXPORT_FORMATS.join(' or ')}`);
  const { target, onProgress } = opts;
  onProgress?.({ phase: 'query' });
  if (target.kind === 'local') {
    const out = await writeAtomic(target.path, async (tmp) => {
      const rows = await copyToFile(store, opts, tmp);
      return { rows, bytes: (await stat(tmp)).size, sha256: await sha256OfFile(tmp) };
    });
    onProgress?.({ phase: 'done', ...out });
    return { ...out, path: target.path };
  }
  const dir = await mkdtemp(join(tmpdir(), 'nextbest-export-'));
  try {
    const local = join(dir, basename(target.path));
    const rows = await copyToFile(store, opts, local);
    const sha256 = await sha256OfFile(local);
    const { bytes } = await uploadFileSftp(local, target, opts.sftp, onProgress);
    onProgress?.({ phase: 'done', rows, bytes });
    return { rows, bytes, path: targetLabel(target), sha256 };
  } catch (e) {
    // The local staging copy is what fills a disk here; the remote name never sees a partial file.
    throw noSpaceError(e, `${dir} (the local copy staged for ${targetLabel(target)})`) ?? e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
