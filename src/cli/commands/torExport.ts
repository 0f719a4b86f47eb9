// `nextbest tor export ID --out FILE|sftp://…` and `nextbest tor exports [ID]` (history).
import type { Command } from '../command.ts';
import { dbPath, parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { listExports } from '../../export/exportHistory.ts';
import { targetFromString } from '../../export/target.ts';
import { TOR_LAYOUTS, type TorLayout } from '../../export/torLayoutSql.ts';
import { exportTor } from '../../tor/exportTor.ts';
import { withStore } from '../withStore.ts';

const usage = 'nextbest tor export <id> --out FILE|sftp://user@host:port/path [--format csv|parquet] [--layout long|wide] [--all-scores] [--reason] [--sftp-key PATH] [--db PATH]';
export const torExportCommand: Command = {
  path: ['tor', 'export'],
  summary: 'export a TOR (priority of every offer per customer) to CSV/Parquet, locally or over SFTP',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      ...storeFlags, out: { type: 'string' }, format: { type: 'string' }, layout: { type: 'string' },
      'all-scores': { type: 'boolean' }, reason: { type: 'boolean' }, 'sftp-key': { type: 'string' }, json: { type: 'boolean' },
    }, usage);
    if (positionals.length !== 1) throw new UserError(`give exactly one TOR id\nusage: ${usage}`);
    if (!values.out) throw new UserError(`--out is required\nusage: ${usage}`);
    const layout = (values['all-scores'] ? 'all-scores' : values.layout ?? 'long') as TorLayout;
    if (!TOR_LAYOUTS.includes(layout)) throw new UserError(`--layout must be long or wide (got '${values.layout}')`);
    const format = values.format ?? (/\.parquet$/i.test(values.out) ? 'parquet' : 'csv');
    if (format !== 'csv' && format !== 'parquet') throw new UserError(`--format must be csv or parquet (got '${format}')`);
    const target = targetFromString(values.out, { sftpKey: values['sftp-key'], env: io.env });
    const rec = await withStore(dbPath(values.db, io.env), (s) =>
      exportTor(s, positionals[0], { layout, format, target, withReason: values.reason }));
    io.err(`exported ${rec.rows} rows (${rec.bytes} bytes, ${layout} ${format}) to ${rec.target}\n`);
    io.out(values.json ? JSON.stringify(rec) + '\n' : `${rec.target}\n`);
  },
};

const historyUsage = 'nextbest tor exports [<id>] [--db PATH] [--json]';
export const torExportsCommand: Command = {
  path: ['tor', 'exports'],
  summary: 'export history (all TORs, or one), newest first',
  usage: historyUsage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, historyUsage);
    const recs = await withStore(dbPath(values.db, io.env), (s) => listExports(s, positionals[0]));
    if (values.json) { io.out(JSON.stringify(recs) + '\n'); return; }
    io.out(table(['export_id', 'tor', 'status', 'layout', 'format', 'rows', 'target', 'error'],
      recs.map((r) => [r.exportId, r.torId ?? '', r.status, r.layout ?? '', r.format, r.rows ?? '', r.target, r.error ?? ''])));
  },
};
