// `nextbest tor export ID --out FILE|sftp://…|postgres://… --pg-table T` and `nextbest tor exports [ID]` (history).
import { resolve } from 'node:path';
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { EXPORT_FLAG_SPEC, EXPORT_FLAGS_USAGE, exportSettingsFromFlags } from '../../export/exportFlags.ts';
import type { ExportRecord } from '../../export/exportHistory.ts';
import { exportsListOp } from '../../ops/exportsListOp.ts';
import { torExportOp } from '../../ops/torExportOp.ts';
import { isPostgresUrl, postgresEndpoint } from '../../ingest/postgresConnection.ts';
import { DB_FLAG_HELP, JSON_FLAG_HELP } from '../flagHelp.ts';

const usage =
  `nextbest tor export <id> ${EXPORT_FLAGS_USAGE} [--all-scores] [--include-control] [--spreadsheet-safe] [--sent-at DATE] [--no-contacts] ` +
  `[--no-manifest] [--db PATH] [--json]\n` +
  `       nextbest tor export <id> --out postgres://user@host[:port]/db --pg-table SCHEMA.TABLE [--reason] …`;
export const torExportCommand: Command = {
  path: ['tor', 'export'],
  summary: 'export a TOR (priority of every offer per customer) to CSV/Parquet, locally or over SFTP',
  usage,
  flags: [
    { flag: '<id>', description: 'the TOR to export (it must have a computed result)', example: 'tor-1' },
    {
      flag: '--out PATH|sftp://…',
      description: 'a local file, or sftp://user@host[:port]/path/file (/~/file = in the login folder)',
      example: '--out tor-1.csv',
    },
    {
      flag: '--format csv|parquet',
      description: 'file format; default from the extension (.parquet/.pq), else csv',
      example: '--format parquet',
    },
    {
      flag: '--layout long|wide|all-scores',
      description: "long: a row per customer and priority; wide: a row per customer; all-scores: every offer's score and rank",
      example: '--layout wide',
    },
    { flag: '--all-scores', description: 'shorthand for --layout all-scores', example: '--all-scores' },
    { flag: '--reason', description: 'long layout: add the reason column', example: '--reason' },
    {
      flag: '--include-control',
      description: "also write the control group's rows (the offers they would have got), flagged in the group column",
      example: '--include-control',
    },
    {
      flag: '--spreadsheet-safe',
      description: "CSV: text cells starting with = + - @ get a leading ' so a spreadsheet shows them instead of running them",
      example: '--spreadsheet-safe',
    },
    {
      flag: '--sent-at DATE',
      description: 'send date of the recorded contacts (default: the send date, else the as-of date)',
      example: '--sent-at 2011-12-12',
    },
    { flag: '--no-contacts', description: 'do not record this export as a send (contacts) of the campaign', example: '--no-contacts' },
    { flag: '--no-manifest', description: 'do not write <file>.manifest.json beside the file', example: '--no-manifest' },
    {
      flag: '--sftp-key PATH',
      description: 'SFTP private key (default $NEXTBEST_SFTP_KEY; password auth: $NEXTBEST_SFTP_PASSWORD)',
      example: '--sftp-key ~/.ssh/id_ed25519',
    },
    {
      flag: '--sftp-host-key SHA256:…',
      description: 'refuse an SFTP server whose host key differs (ssh-keygen -lf prints it)',
      example: '--sftp-host-key SHA256:abc…',
    },
    { flag: '--sftp-attempts N', description: 'upload attempts before giving up (1–20)', example: '--sftp-attempts 5' },
    {
      flag: '--pg-table SCHEMA.TABLE',
      description:
        'with --out postgres://…: the table to replace atomically (long layout + tor_id, computed_at; password: $NEXTBEST_PG_PASSWORD)',
      example: '--out postgres://etl@warehouse/shop --pg-table marts.tor_predictions',
    },
    { flag: '--json', description: 'print the export record as JSON instead of the target', example: '--json' },
    DB_FLAG_HELP,
  ],
  examples: [
    'nextbest tor export tor-1 --out tor-1.csv',
    'nextbest tor export tor-1 --out sftp://crm@files.example.com/in/tor-1.parquet --sftp-key ~/.ssh/crm',
    'nextbest tor export tor-1 --out postgres://etl@warehouse:5432/shop --pg-table marts.tor_predictions',
  ],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        ...storeFlags,
        ...EXPORT_FLAG_SPEC,
        'all-scores': { type: 'boolean' },
        'include-control': { type: 'boolean' },
        'spreadsheet-safe': { type: 'boolean' },
        'sent-at': { type: 'string' },
        'no-contacts': { type: 'boolean' },
        'no-manifest': { type: 'boolean' },
        json: { type: 'boolean' },
        'pg-table': { type: 'string' },
      },
      usage,
    );
    if (positionals.length !== 1) throw new UserError(`give exactly one TOR id\nusage: ${usage}`);
    if (values.out !== undefined && isPostgresUrl(values.out)) {
      const pgTable = values['pg-table'];
      if (!pgTable) throw new UserError('--out postgres://… needs --pg-table SCHEMA.TABLE (the table to replace)');
      if (values.format || (values.layout && values.layout !== 'long') || values['all-scores'] || values['no-manifest'] !== undefined) {
        throw new UserError(
          'a PostgreSQL export writes the long layout as a table: --format, --layout, --all-scores and --no-manifest do not apply',
        );
      }
      postgresEndpoint(values.out); // a URL with a password is refused here, before it travels anywhere
      const rec = await callOp(io, values.db, torExportOp, {
        id: positionals[0],
        target: values.out.trim(),
        pgTable,
        layout: 'long',
        reason: values.reason ?? false,
        includeControl: values['include-control'] ?? false,
        recordContacts: !values['no-contacts'],
        sentAt: values['sent-at'] ?? null,
        manifest: false,
      });
      io.err(`exported ${rec.rows} rows (long layout) to ${rec.target}\n`);
      if (rec.contacts) io.err(`recorded the send as contacts of campaign ${positionals[0]} on ${rec.contacts.sentAt.slice(0, 10)}\n`);
      io.out(values.json ? JSON.stringify(rec) + '\n' : `${rec.target}\n`);
      return;
    }
    if (values['pg-table'] !== undefined) throw new UserError('--pg-table goes with --out postgres://user@host[:port]/db');
    // --all-scores is the documented shorthand for --layout all-scores.
    const settings = exportSettingsFromFlags({ ...values, layout: values['all-scores'] ? 'all-scores' : values.layout }, io.env);
    // Paths go out absolute (a server resolves nothing against its own folder); secrets stay in the env.
    const key = values['sftp-key'] ?? io.env.NEXTBEST_SFTP_KEY;
    const rec = await callOp(io, values.db, torExportOp, {
      id: positionals[0],
      target: settings.target.kind === 'local' ? settings.target.path : values.out!.trim(),
      format: settings.format,
      layout: settings.layout,
      reason: settings.withReason,
      sftpKey: key ? resolve(key) : undefined,
      sftpHostKey: values['sftp-host-key'] ?? io.env.NEXTBEST_SFTP_HOST_KEY,
      sftpAttempts: settings.sftp.attempts,
      includeControl: values['include-control'] ?? false,
      recordContacts: !values['no-contacts'],
      sentAt: values['sent-at'] ?? null,
      manifest: !values['no-manifest'],
      spreadsheetSafe: values['spreadsheet-safe'] ?? false,
    });
    io.err(`exported ${rec.rows} rows (${rec.bytes} bytes, ${settings.layout} ${settings.format}) to ${rec.target}\n`);
    if (rec.contacts)
      io.err(
        `recorded the send as contacts of campaign ${positionals[0]} on ${rec.contacts.sentAt.slice(0, 10)}: ` +
          `${rec.contacts.treatment} treated, ${rec.contacts.control} control customers\n`,
      );
    io.out(values.json ? JSON.stringify(rec) + '\n' : `${rec.target}\n`);
  },
};

const historyUsage = 'nextbest tor exports [<id>] [--db PATH] [--json]';
export const torExportsCommand: Command = {
  path: ['tor', 'exports'],
  summary: 'export history (all TORs, or one), newest first',
  usage: historyUsage,
  flags: [{ flag: '<id>', description: "only this TOR's exports (a deleted TOR's too)", example: 'tor-1' }, JSON_FLAG_HELP, DB_FLAG_HELP],
  examples: ['nextbest tor exports', 'nextbest tor exports tor-1 --json'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, historyUsage);
    const recs: ExportRecord[] = await callOp(io, values.db, exportsListOp, { torId: positionals[0] || undefined });
    if (values.json) {
      io.out(JSON.stringify(recs) + '\n');
      return;
    }
    io.out(
      table(
        ['export_id', 'tor', 'status', 'layout', 'format', 'rows', 'target', 'error'],
        recs.map((r) => [r.exportId, r.torId ?? '', r.status, r.layout ?? '', r.format, r.rows ?? '', r.target, r.error ?? '']),
      ),
    );
  },
};
