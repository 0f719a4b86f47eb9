// `nextbest tor export ID --out FILE|sftp://…` and `nextbest tor exports [ID]` (history).
import type { Command } from '../command.ts';
import { dbPath, parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { listExports } from '../../export/exportHistory.ts';
import { EXPORT_FLAG_SPEC, EXPORT_FLAGS_USAGE, exportSettingsFromFlags } from '../../export/exportFlags.ts';
import { exportTor } from '../../tor/exportTor.ts';
import { withStore } from '../withStore.ts';

const usage = `nextbest tor export <id> ${EXPORT_FLAGS_USAGE} [--all-scores] [--db PATH] [--json]`;
export const torExportCommand: Command = {
  path: ['tor', 'export'],
  summary: 'export a TOR (priority of every offer per customer) to CSV/Parquet, locally or over SFTP',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, ...EXPORT_FLAG_SPEC, 'all-scores': { type: 'boolean' }, json: { type: 'boolean' } }, usage);
    if (positionals.length !== 1) throw new UserError(`give exactly one TOR id\nusage: ${usage}`);
    // --all-scores is the documented shorthand for --layout all-scores.
    const settings = exportSettingsFromFlags({ ...values, layout: values['all-scores'] ? 'all-scores' : values.layout }, io.env);
    const rec = await withStore(dbPath(values.db, io.env), (s) => exportTor(s, positionals[0], settings));
    io.err(`exported ${rec.rows} rows (${rec.bytes} bytes, ${settings.layout} ${settings.format}) to ${rec.target}\n`);
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
