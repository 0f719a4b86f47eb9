// `nextbest import <table> <file>`: loads a CSV/Parquet/JSON file into a canonical table (see docs/data-formats.md).
import type { Command } from '../command.ts';
import { dbPath, intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { importFile } from '../../ingest/importFile.ts';
import { importSummaryText } from '../../ingest/importSummaryText.ts';
import { FORMATS, type FileFormat } from '../../ingest/rawFromFile.ts';
import { progressOnStderr } from '../progress.ts';
import { withStore } from '../withStore.ts';

const usage = 'nextbest import <table> <file> [--format csv|parquet|json|ndjson] [--map canonical=source …] '
  + '[--delimiter C] [--decimal-comma] [--no-header] [--encoding utf-8|latin-1|utf-16] [--dry-run] [--check-refs] '
  + '[--recipe NAME] [--max-errors N] [--json] [--db PATH]   (with --recipe the table may be omitted: nextbest import --recipe online-retail FILE)';

const flags = {
  ...storeFlags,
  format: { type: 'string' },
  map: { type: 'string', multiple: true },
  delimiter: { type: 'string' },
  'decimal-comma': { type: 'boolean' },
  'no-header': { type: 'boolean' },
  encoding: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'check-refs': { type: 'boolean' },
  recipe: { type: 'string' },
  'max-errors': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `--delimiter` accepts one character, or tab / \t. */
function delimiterFromFlag(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v === 'tab' || v === '\\t') return '\t';
  if ([...v].length !== 1) throw new UserError(`--delimiter takes one character (or 'tab'), got '${v}'`);
  return v;
}

export const importCommand: Command = {
  path: ['import'],
  summary: 'import a CSV/Parquet/JSON file into customers, products, order_lines, events, offers, contacts or responses',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, flags, usage);
    const [table, file] = positionals.length === 1 && values.recipe ? [undefined, positionals[0]] : positionals;
    if (!file || positionals.length > 2) throw new UserError(`give a table and a file\nusage: ${usage}`);
    if (values.format && !FORMATS.includes(values.format as FileFormat)) throw new UserError(`--format must be one of ${FORMATS.join(', ')}`);
    const encoding = values.encoding?.toLowerCase().replace(/^latin1$|^iso-8859-1$/, 'latin-1').replace(/^utf8$/, 'utf-8');
    const progress = progressOnStderr('import');
    const summary = await withStore(dbPath(values.db, io.env), (store) => importFile(store, {
      table, file,
      format: values.format as FileFormat | undefined,
      map: values.map ?? [],
      delimiter: delimiterFromFlag(values.delimiter),
      decimalComma: values['decimal-comma'] ? true : undefined,
      header: values['no-header'] ? false : undefined,
      encoding,
      dryRun: values['dry-run'],
      checkRefs: values['check-refs'],
      recipe: values.recipe,
      maxErrors: intFlag('max-errors', values['max-errors'], 0, 1_000_000, 20),
    }, progress)).catch((e: unknown) => {
      if (process.stderr.isTTY) io.err('\n'); // end the in-place progress line before the error
      throw e;
    });
    progress.done();
    io.out(values.json ? JSON.stringify(summary) + '\n' : importSummaryText(summary));
  },
};
