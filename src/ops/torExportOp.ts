// tor.export: a TOR's latest result to CSV/Parquet, locally or over SFTP (a job). It shares the
// compute's lock, so an export never reads results a compute is replacing.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { EXPORT_FORMATS, type ExportFormat } from '../export/copySql.ts';
import { exportSettingsFromFlags } from '../export/exportFlags.ts';
import type { ExportProgress } from '../export/exportProgress.ts';
import { TOR_LAYOUTS, type TorLayout } from '../export/torLayoutSql.ts';
import { exportTor } from '../tor/exportTor.ts';
import { exportTorToPostgres } from '../export/postgresTorExport.ts';
import { PG_PASSWORD_REFUSED, postgresUrlHasPassword, isPostgresUrl, postgresEndpoint } from '../ingest/postgresConnection.ts';
import { defineOp, type OpContext } from './op.ts';
import { UserError } from '../domain/errors.ts';
import { dateField } from './dateField.ts';

/** Job progress from export events: the query, then (SFTP) the upload. */
function reportExport(ctx: OpContext, p: ExportProgress): void {
  if (p.phase === 'query') ctx.progress(0.1, 'writing the file');
  else if (p.phase === 'upload') ctx.progress(0.2 + 0.8 * (p.totalBytes ? p.bytes / p.totalBytes : 0), `upload, attempt ${p.attempt}`);
  else if (p.phase === 'retry') {
    ctx.progress(0.2, `attempt ${p.attempt} failed (${p.message}); retrying in ${(p.delayMs / 1000).toFixed(1)}s`);
  } else ctx.progress(1, 'done');
}

export const torExportOp = defineOp({
  name: 'tor.export',
  summary:
    'Export a TOR (priority of every offer per customer) to CSV/Parquet (a server path or SFTP) or a PostgreSQL table (runs as a job)',
  method: 'POST',
  path: '/v1/tors/:id/export',
  access: 'write',
  input: z.object({
    id: z.string().min(1).describe('TOR id'),
    // Relative paths would resolve against the server's folder, which the caller cannot see.
    target: z
      .string()
      .min(1)
      .refine((t) => /^[a-z][a-z0-9+.-]*:\/\//i.test(t) || isAbsolute(t), 'an absolute path or sftp://user@host[:port]/path/file')
      .refine((t) => !postgresUrlHasPassword(t), PG_PASSWORD_REFUSED)
      .describe('where to: an absolute path on the server, sftp://user@host[:port]/path/file, or postgres://user@host[:port]/db'),
    // The predictions-table pattern (src/export/postgresTorExport.ts): the password is the server's
    // NEXTBEST_PG_PASSWORD / PGPASSWORD, never part of the request.
    pgTable: z.string().min(1).optional().describe("with a postgres:// target: the table to replace, 'schema.table'"),
    format: z
      .enum(EXPORT_FORMATS as [ExportFormat, ...ExportFormat[]])
      .optional()
      .describe('csv or parquet; default from the file extension, else csv'),
    layout: z
      .enum(TOR_LAYOUTS as [TorLayout, ...TorLayout[]])
      .default('long')
      .describe('long, wide or all-scores'),
    reason: z.boolean().default(false).describe('long layout: add the reason column'),
    includeControl: z.boolean().default(false).describe('also write the control group rows, flagged in the group column'),
    spreadsheetSafe: z.boolean().optional().describe("CSV: prefix text cells starting with = + - @ with ' (no formulas run)"),
    recordContacts: z.boolean().default(true).describe('record the rows as contacts of this campaign (the send reports measure)'),
    sentAt: dateField('send date of the recorded contacts; default the TOR send date, else its as-of date').nullable().optional(),
    manifest: z.boolean().default(true).describe('write <file>.manifest.json beside the file'),
    // Passwords and key passphrases never travel in a request (job inputs are stored): the server's
    // NEXTBEST_SFTP_PASSWORD / NEXTBEST_SFTP_KEY_PASSPHRASE supply them.
    sftpKey: z.string().optional().describe('SFTP private key file on the server (default NEXTBEST_SFTP_KEY)'),
    sftpHostKey: z.string().optional().describe('expected SFTP host key, SHA256:…'),
    sftpAttempts: z.number().int().min(1).max(20).optional().describe('upload attempts, 1 to 20'),
  }),
  job: { lock: (i) => `tor:${i.id}` },
  files: (i) => [
    ...(isPostgresUrl(i.target) ? [] : [{ path: i.target, mode: 'write' as const }]),
    ...(i.sftpKey ? [{ path: i.sftpKey, mode: 'read' as const }] : []),
  ],
  async run(store, i, ctx) {
    if (isPostgresUrl(i.target) || i.pgTable !== undefined) {
      if (!isPostgresUrl(i.target) || !i.pgTable) throw new UserError('a postgres:// target and pgTable go together');
      if (i.layout !== 'long' || i.format !== undefined) throw new UserError('a PostgreSQL export writes the long layout (no format)');
      return exportTorToPostgres(store, i.id, {
        endpoint: postgresEndpoint(i.target),
        table: i.pgTable,
        withReason: i.reason,
        includeControl: i.includeControl,
        recordContacts: i.recordContacts,
        sentAt: i.sentAt ?? null,
        onRows: (n, total) => ctx.progress(total ? n / total : 1, `writing to PostgreSQL: ${n} of ${total} rows`),
      });
    }
    const s = exportSettingsFromFlags(
      {
        out: i.target,
        format: i.format,
        layout: i.layout,
        reason: i.reason,
        'sftp-key': i.sftpKey,
        'sftp-host-key': i.sftpHostKey,
        'sftp-attempts': i.sftpAttempts?.toString(),
      },
      process.env,
    );
    return exportTor(store, i.id, {
      ...s,
      onProgress: (p) => reportExport(ctx, p),
      includeControl: i.includeControl,
      recordContacts: i.recordContacts,
      sentAt: i.sentAt ?? null,
      manifest: i.manifest,
      spreadsheetSafe: i.spreadsheetSafe ?? false,
    });
  },
});
