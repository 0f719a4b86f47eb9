// `nextbest import <table> <file>`: loads a CSV/Parquet/JSON file into a canonical table (see docs/data-formats.md).
// Runs the import op: in this process, or as a job on the server that holds the store.
import { resolve } from 'node:path';
import type { CliIO, Command } from '../command.ts';
import { intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import type { ImportSummary } from '../../ingest/importFile.ts';
import { importSummaryText } from '../../ingest/importSummaryText.ts';
import { FORMATS, type FileFormat } from '../../ingest/rawFromFile.ts';
import { recipeByName } from '../../ingest/recipes.ts';
import { timestampFormatFromFlag } from '../../ingest/timestampFormat.ts';
import { tableSpec, type TableName } from '../../ingest/tableSpecs.ts';
import { importOp } from '../../ops/importOp.ts';
import { postgresEndpoint } from '../../ingest/postgresConnection.ts';
import { progressOnStderr } from '../progress.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const usage =
  'nextbest import <table> <file> [--format csv|parquet|json|ndjson] [--map canonical=source …] ' +
  '[--ts-format auto|iso|unix-s|unix-ms|PATTERN] [--delimiter C] [--decimal-comma] [--no-header] [--encoding utf-8|latin-1|utf-16] ' +
  '[--dry-run] [--check-refs] ' +
  '[--recipe NAME] [--max-errors N] [--json] [--db PATH]   (with --recipe the table may be omitted: nextbest import --recipe online-retail FILE)\n' +
  '       nextbest import <table> --from postgres://user@host[:port]/db (--table SCHEMA.TABLE | --query SELECT…) ' +
  '[--map …] [--dry-run] …';

const flags = {
  ...storeFlags,
  format: { type: 'string' },
  map: { type: 'string', multiple: true },
  'ts-format': { type: 'string' },
  delimiter: { type: 'string' },
  'decimal-comma': { type: 'boolean' },
  'no-header': { type: 'boolean' },
  encoding: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'check-refs': { type: 'boolean' },
  recipe: { type: 'string' },
  'max-errors': { type: 'string' },
  json: { type: 'boolean' },
  from: { type: 'string' },
  table: { type: 'string' },
  query: { type: 'string' },
} as const;

const ENCODINGS = ['utf-8', 'latin-1', 'utf-16'] as const;

/** `--delimiter` accepts one character, or tab / \t. */
function delimiterFromFlag(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v === 'tab' || v === '\\t') return '\t';
  if ([...v].length !== 1) throw new UserError(`--delimiter takes one character (or 'tab'), got '${v}'`);
  return v;
}

function encodingFromFlag(v: string | undefined): (typeof ENCODINGS)[number] | undefined {
  const e = v
    ?.toLowerCase()
    .replace(/^latin1$|^iso-8859-1$/, 'latin-1')
    .replace(/^utf8$/, 'utf-8')
    .replace(/^utf16$/, 'utf-16');
  if (e !== undefined && !(ENCODINGS as readonly string[]).includes(e)) {
    throw new UserError(`--encoding must be one of ${ENCODINGS.join(', ')} (got '${v}')`);
  }
  return e as (typeof ENCODINGS)[number] | undefined;
}

export const importCommand: Command = {
  path: ['import'],
  summary: 'import a CSV/Parquet/JSON file into customers, products, order_lines, events, offers, contacts or responses',
  usage,
  flags: [
    {
      flag: '<table>',
      example: 'order_lines',
      description: 'the canonical table: customers, products, order_lines, events, offers, contacts or responses (optional with --recipe)',
    },
    { flag: '<file>', description: 'the file to import (.csv, .parquet, .json, .ndjson, optionally .gz)', example: 'data/orders.csv' },
    { flag: '--format F', description: 'csv, parquet, json or ndjson; default from the file extension', example: '--format ndjson' },
    {
      flag: '--map canonical=source',
      example: '--map customer_id=CustomerID',
      description: 'name your column for a canonical one (repeat or separate with commas); remembered for the table',
    },
    {
      flag: '--ts-format F',
      example: "--ts-format unix-ms  or  --ts-format '%d/%m/%Y %H:%M'",
      description:
        'how timestamp columns are read: iso, unix-s (epoch seconds), unix-ms (epoch milliseconds) or a strftime ' +
        'pattern; default auto (numbers that are plausible epochs are read as unix times, UTC; else ISO dates)',
    },
    { flag: '--delimiter C', description: 'CSV delimiter (one character, or tab); default detected', example: '--delimiter ";"' },
    { flag: '--decimal-comma', description: 'numbers are written 1,50; default detected', example: '--decimal-comma' },
    { flag: '--no-header', description: 'the first CSV line is data, not column names', example: '--no-header' },
    { flag: '--encoding E', description: 'utf-8, latin-1 or utf-16; default detected', example: '--encoding latin-1' },
    { flag: '--dry-run', description: 'check every row and count what would change; write nothing', example: '--dry-run' },
    {
      flag: '--check-refs',
      example: '--check-refs',
      description: 'unknown customer/product/offer ids are errors instead of creating bare rows',
    },
    { flag: '--recipe NAME', description: 'settings for a known raw file (online-retail, families, …)', example: '--recipe online-retail' },
    {
      flag: '--max-errors N',
      example: '--max-errors 100',
      description: 'problems to list when rows are bad (the rest are counted); default 20',
    },
    { flag: '--json', description: 'print the import summary as one JSON object', example: '--json' },
    {
      flag: '--from postgres://…',
      example: '--from postgres://etl@warehouse:5432/shop',
      description: 'import from PostgreSQL instead of a file (password: $NEXTBEST_PG_PASSWORD or $PGPASSWORD, never in the URL)',
    },
    { flag: '--table SCHEMA.TABLE', description: 'with --from: the table or view to read', example: '--table sales.order_lines' },
    {
      flag: '--query SELECT…',
      example: `--query "SELECT * FROM sales.order_lines WHERE ts >= '2024-01-01' ORDER BY ts"`,
      description: 'with --from: the rows of a query (ORDER BY gives stable row numbers in messages)',
    },
    DB_FLAG_HELP,
  ],
  examples: [
    'nextbest import order_lines orders.csv',
    'nextbest import customers crm.csv --map customer_id=ClientNo --dry-run',
    'nextbest import order_lines ratings.parquet --map customer_id=userId,product_id=movieId,quantity=rating,ts=timestamp',
    "nextbest import order_lines clicks.csv --map customer_id=user,product_id=item,ts=time --ts-format '%d/%m/%Y %H:%M'",
    'nextbest import --recipe online-retail "Online Retail.csv" --db shop.duckdb',
    'nextbest import order_lines --from postgres://etl@warehouse/shop --table sales.order_lines --map customer_id=client_no',
  ],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, flags, usage);
    if (values.from !== undefined || values.table !== undefined || values.query !== undefined) {
      return importFromPostgresFlags(values, positionals, io);
    }
    const [table, file] = positionals.length === 1 && values.recipe ? [undefined, positionals[0]] : positionals;
    if (!file || positionals.length > 2) throw new UserError(`give a table and a file\nusage: ${usage}`);
    if (values.format && !FORMATS.includes(values.format as FileFormat))
      throw new UserError(`--format must be one of ${FORMATS.join(', ')}`);
    if (table) tableSpec(table); // an unknown table is a usage error before anything runs
    if (values.recipe) recipeByName(values.recipe);
    const input = {
      ...commonInput(values),
      table: table as TableName | undefined,
      // The server may run in another directory: it gets the absolute path, messages keep the typed one.
      file: resolve(file),
      fileLabel: file,
      format: values.format as FileFormat | undefined,
      delimiter: delimiterFromFlag(values.delimiter),
      decimalComma: values['decimal-comma'] ? true : undefined,
      header: values['no-header'] ? false : undefined,
      encoding: encodingFromFlag(values.encoding),
    };
    await runImport(io, values, input);
  },
};

type Values = ReturnType<typeof parseFlags<typeof flags>>['values'];

/** Flags that mean the same for a file and a PostgreSQL source. */
function commonInput(values: Values) {
  return {
    map: values.map ?? [],
    tsFormat: timestampFormatFromFlag(values['ts-format']),
    dryRun: values['dry-run'],
    checkRefs: values['check-refs'],
    recipe: values.recipe,
    maxErrors: intFlag('max-errors', values['max-errors'], 0, 1_000_000, 20),
  };
}

/** `--from postgres://… --table T | --query Q`: the password stays in this process's env or the server's. */
async function importFromPostgresFlags(values: Values, positionals: string[], io: CliIO): Promise<void> {
  if (!values.from) throw new UserError(`--table and --query name a PostgreSQL source: give --from postgres://…\nusage: ${usage}`);
  const [table] = positionals;
  if (positionals.length > 1) throw new UserError(`with --from, give only the canonical table (no file)\nusage: ${usage}`);
  if (!table && !values.recipe) throw new UserError(`give the canonical table to import into\nusage: ${usage}`);
  if (Boolean(values.table) === Boolean(values.query)) throw new UserError('with --from, give exactly one of --table or --query');
  for (const f of ['format', 'delimiter', 'decimal-comma', 'no-header', 'encoding'] as const) {
    if (values[f] !== undefined) throw new UserError(`--${f} is for files; a PostgreSQL source has typed columns`);
  }
  postgresEndpoint(values.from); // a bad URL (or one with a password) is refused before anything runs
  if (table) tableSpec(table);
  if (values.recipe) recipeByName(values.recipe);
  await runImport(io, values, {
    ...commonInput(values),
    table: table as TableName | undefined,
    from: values.from,
    pgTable: values.table,
    query: values.query,
  });
}

async function runImport(io: CliIO, values: Values, input: Parameters<typeof importOp.run>[1]) {
  const progress = progressOnStderr('import');
  const summary: ImportSummary = await callOp(io, values.db, importOp, input, {
    progress: (f, stage) => progress.update(Math.round(f * 100), 100, stage),
  }).catch((e: unknown) => {
    if (process.stderr.isTTY) io.err('\n'); // end the in-place progress line before the error
    throw e;
  });
  progress.done();
  io.out(values.json ? JSON.stringify(summary) + '\n' : importSummaryText(summary));
}
