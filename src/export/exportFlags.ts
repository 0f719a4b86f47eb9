// Turns the export flags a CLI command (or API body) received into export options, so every
// command that exports parses them the same way. Layer-neutral: plain strings in, options out.
import { UserError } from '../domain/errors.ts';
import { EXPORT_FORMATS, type ExportFormat } from './copySql.ts';
import { targetFromString, type Target } from './target.ts';
import { TOR_LAYOUTS, type TorLayout } from './torLayoutSql.ts';

/** parseFlags spec for export commands (see src/cli/command.ts). */
export const EXPORT_FLAG_SPEC = {
  out: { type: 'string' },
  format: { type: 'string' },
  layout: { type: 'string' },
  reason: { type: 'boolean' },
  'sftp-key': { type: 'string' },
  'sftp-host-key': { type: 'string' },
  'sftp-attempts': { type: 'string' },
} as const;

export const EXPORT_FLAGS_USAGE =
  '--out PATH|sftp://user@host[:port]/path/file [--format csv|parquet] [--layout long|wide|all-scores] [--reason] ' +
  '[--sftp-key PATH] [--sftp-host-key SHA256:…] [--sftp-attempts N]';

export interface ExportFlagValues {
  out?: string;
  format?: string;
  layout?: string;
  reason?: boolean;
  'sftp-key'?: string;
  'sftp-host-key'?: string;
  'sftp-attempts'?: string;
}

export interface ExportSettings {
  target: Target;
  format: ExportFormat;
  layout: TorLayout;
  withReason: boolean;
  sftp: { attempts?: number };
}

/** --format, else from the file extension (.parquet/.pq → parquet), else csv. */
export function formatFromFlags(format: string | undefined, out: string): ExportFormat {
  if (format !== undefined) {
    if (!EXPORT_FORMATS.includes(format as ExportFormat))
      throw new UserError(`--format must be ${EXPORT_FORMATS.join(' or ')} (got '${format}')`);
    return format as ExportFormat;
  }
  return /\.(parquet|pq)$/i.test(out) ? 'parquet' : 'csv';
}

export function exportSettingsFromFlags(values: ExportFlagValues, env: NodeJS.ProcessEnv, cwd?: string): ExportSettings {
  if (!values.out) throw new UserError(`--out is required: ${EXPORT_FLAGS_USAGE}`);
  const layout = (values.layout ?? 'long') as TorLayout;
  if (!TOR_LAYOUTS.includes(layout)) throw new UserError(`--layout must be one of ${TOR_LAYOUTS.join(', ')} (got '${values.layout}')`);
  let attempts: number | undefined;
  if (values['sftp-attempts'] !== undefined) {
    attempts = Number(values['sftp-attempts']);
    if (!Number.isInteger(attempts) || attempts < 1 || attempts > 20) {
      throw new UserError(`--sftp-attempts must be a whole number from 1 to 20 (got '${values['sftp-attempts']}')`);
    }
  }
  const target = targetFromString(values.out, { sftpKey: values['sftp-key'], sftpHostKey: values['sftp-host-key'], env, cwd });
  return {
    target,
    format: formatFromFlags(values.format, values.out),
    layout,
    withReason: values.reason ?? false,
    sftp: attempts === undefined ? {} : { attempts },
  };
}
