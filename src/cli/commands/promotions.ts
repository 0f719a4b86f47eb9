// `nextbest promotions import|list|show|export`: the promotion pool and the computed lists
// (build and compute: promotionsBuild.ts). Thin: parse flags, callOp, print.
import { resolve } from 'node:path';
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { promotionsCustomerOp } from '../../ops/promotionsCustomerOp.ts';
import { promotionsExportOp } from '../../ops/promotionsExportOp.ts';
import { promotionsImportOp } from '../../ops/promotionsImportOp.ts';
import { promotionsListOp } from '../../ops/promotionsListOp.ts';
import { scopeText, type Promotion } from '../../promotions/promotion.ts';
import { mechanismText } from '../../promotions/promotionValue.ts';
import { DB_FLAG_HELP, JSON_FLAG_HELP } from '../flagHelp.ts';
import { table } from '../format.ts';

const json = { json: { type: 'boolean' } } as const;

const importUsage = 'nextbest promotions import <file> [--db PATH] [--json]  (columns: docs/promotions.md)';
export const promotionsImportCommand: Command = {
  path: ['promotions', 'import'],
  summary: 'import promotions (CSV/JSON/NDJSON/Parquet) into the pool; a bad field stores nothing',
  usage: importUsage,
  flags: [
    {
      flag: '<file>',
      example: 'promotions.csv',
      description: 'promotions file; columns promotion_id, mechanism, value, scope_attribute + scope_value or products, …',
    },
    JSON_FLAG_HELP,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest promotions import promotions.csv', 'nextbest promotions import spring.json --db shop.duckdb'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, ...json }, importUsage);
    if (positionals.length !== 1) throw new UserError(`give exactly one file\nusage: ${importUsage}`);
    const r = await callOp(io, values.db, promotionsImportOp, { file: resolve(positionals[0]), fileLabel: positionals[0], maxErrors: 20 });
    io.out(
      values.json
        ? JSON.stringify(r) + '\n'
        : `${r.imported} promotions added, ${r.replaced} replaced from ${r.file}; ${r.total} in the pool\n`,
    );
  },
};

const listUsage = 'nextbest promotions list [--channel NAME] [--db PATH] [--json]';
export const promotionsListCommand: Command = {
  path: ['promotions', 'list'],
  summary: 'list the promotion pool and the latest computed run',
  usage: listUsage,
  flags: [
    { flag: '--channel NAME', description: "only promotions for this channel (or 'all')", example: '--channel email' },
    JSON_FLAG_HELP,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest promotions list', 'nextbest promotions list --channel app --json'],
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...storeFlags, ...json, channel: { type: 'string' } }, listUsage);
    const r = await callOp(io, values.db, promotionsListOp, { channel: values.channel });
    if (values.json) {
      io.out(JSON.stringify(r) + '\n');
      return;
    }
    const day = (d: unknown) => (d ? String(d).slice(0, 10) : '');
    const limit = (p: Promotion) =>
      [p.stock !== null ? `stock ${p.stock}` : '', p.budget !== null ? `budget ${p.budget}` : ''].filter(Boolean).join(', ');
    io.out(
      table(
        ['promotion', 'name', 'terms', 'scope', 'channel', 'level', 'valid', 'limits', 'source'],
        r.promotions.map((p) => [
          p.promotionId,
          p.name,
          mechanismText(p.mechanism, p.value),
          scopeText(p.scope),
          p.channel,
          p.level,
          p.validFrom || p.validTo ? `${day(p.validFrom)}..${day(p.validTo)}` : 'always',
          limit(p),
          p.source,
        ]),
      ),
    );
    const run = r.latestRun;
    const sum = run?.summary;
    const latest =
      run && sum
        ? `latest run ${run.runId} (${sum.objective}, as of ${sum.asOf.slice(0, 10)}): ` +
          `${sum.assignments} promotions for ${sum.customersWithPromotions} customers`
        : 'no lists computed yet';
    io.out(`${r.promotions.length} promotions; ${latest}\n`);
  },
};

const showUsage = 'nextbest promotions show <customer_id> [--db PATH] [--json]';
export const promotionsShowCommand: Command = {
  path: ['promotions', 'show'],
  summary: "show a customer's personalised promotions from the latest compute",
  usage: showUsage,
  flags: [{ flag: '<customer_id>', description: 'the customer', example: 'c-000123' }, JSON_FLAG_HELP, DB_FLAG_HELP],
  examples: ['nextbest promotions show 12347', 'nextbest promotions show 12347 --json'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, ...json }, showUsage);
    if (positionals.length !== 1) throw new UserError(`give exactly one customer id\nusage: ${showUsage}`);
    const r = await callOp(io, values.db, promotionsCustomerOp, { id: positionals[0] });
    if (values.json) {
      io.out(JSON.stringify(r) + '\n');
      return;
    }
    if (!r.promotions.length) {
      io.out(`${r.customerId}: no promotion in ${r.runId}\n`);
      return;
    }
    io.out(
      table(
        ['rank', 'promotion', 'name', 'expected_value', 'probability', 'reason'],
        r.promotions.map((p) => [p.rank, p.promotionId, p.name, p.expectedValue, p.probability ?? '', p.reason ?? '']),
      ),
    );
  },
};

const exportUsage = 'nextbest promotions export --out FILE [--format csv|parquet] [--db PATH] [--json]';
export const promotionsExportCommand: Command = {
  path: ['promotions', 'export'],
  summary: "export every customer's promotions to CSV or Parquet (written atomically)",
  usage: exportUsage,
  flags: [
    { flag: '--out FILE', description: 'the file to write (replaced whole, never half-written)', example: '--out promotions.csv' },
    { flag: '--format csv|parquet', description: 'default from the extension (.parquet → parquet, else csv)', example: '--format parquet' },
    JSON_FLAG_HELP,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest promotions export --out promotions.csv', 'nextbest promotions export --out lists.parquet'],
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...storeFlags, ...json, out: { type: 'string' }, format: { type: 'string' } }, exportUsage);
    if (!values.out) throw new UserError(`--out is required\nusage: ${exportUsage}`);
    if (values.format && values.format !== 'csv' && values.format !== 'parquet') {
      throw new UserError(`--format: use csv or parquet, not '${values.format}'`);
    }
    const format = values.format as 'csv' | 'parquet' | undefined;
    const r = await callOp(io, values.db, promotionsExportOp, { out: resolve(values.out), format });
    io.err(`exported ${r.rows} rows (${r.bytes} bytes) of ${r.runId}\n`);
    io.out(values.json ? JSON.stringify(r) + '\n' : `${r.path}\n`);
  },
};
