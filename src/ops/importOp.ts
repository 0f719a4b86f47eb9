// import: loads a CSV/Parquet/JSON file the server can read (or a PostgreSQL table or query: `from`)
// into a canonical table (a job, with progress). The file is a server-side absolute path — the CLI resolves the user's path before
// sending it, uploads (POST /v1/imports/upload) pass their temp copy. Bad rows fail the job with
// every problem as file:line: column …, and nothing is written.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { importFileAs } from '../ingest/importFileAs.ts';
import { importFromPostgres } from '../ingest/postgresSource.ts';
import { PG_PASSWORD_REFUSED, isPostgresUrl, postgresUrlHasPassword } from '../ingest/postgresConnection.ts';
import { FORMATS } from '../ingest/rawFromFile.ts';
import { TABLE_SPECS, type TableName } from '../ingest/tableSpecs.ts';
import { defineOp } from './op.ts';
import { UserError } from '../domain/errors.ts';

const TABLES = Object.keys(TABLE_SPECS) as [TableName, ...TableName[]];

/** Which file, into which table, read how: shared by the import, its upload form and the preview. */
export const importSourceFields = {
  table: z.enum(TABLES).optional().describe('canonical table; may be omitted with a recipe'),
  file: z.string().min(1).refine(isAbsolute, 'must be an absolute path on the server').describe('absolute path of the file on the server'),
  fileLabel: z.string().optional().describe("the name messages show for the file (the path as typed, an upload's name)"),
  recipe: z.string().min(1).optional().describe('import recipe, e.g. online-retail'),
  format: z.enum(FORMATS).optional().describe('file format; default from the extension'),
  map: z
    .union([z.record(z.string(), z.string()), z.array(z.string())])
    .optional()
    .describe('canonical → file column, as an object or as canonical=source strings'),
  delimiter: z
    .string()
    .refine((s) => [...s].length === 1, 'one character')
    .optional()
    .describe('CSV delimiter (one character); default detected'),
  header: z.boolean().optional().describe('false: the first CSV line is data; default detected'),
  encoding: z.enum(['utf-8', 'latin-1', 'utf-16']).optional().describe('CSV encoding; default detected'),
};

export const importOp = defineOp({
  name: 'import',
  summary:
    'Import a file on the server or a PostgreSQL table/query into a canonical table (runs as a job; nothing is written when a row is bad)',
  method: 'POST',
  path: '/v1/imports',
  access: 'write',
  input: z
    .object({
      ...importSourceFields,
      // A PostgreSQL source instead of a file (src/ingest/postgresSource.ts); its password comes from
      // the server's NEXTBEST_PG_PASSWORD / PGPASSWORD, never from the request.
      file: importSourceFields.file.optional(),
      from: z
        .string()
        .refine(isPostgresUrl, 'postgres://user@host[:port]/database')
        .refine((t) => !postgresUrlHasPassword(t), PG_PASSWORD_REFUSED)
        .optional()
        .describe('import from PostgreSQL instead of a file: postgres://user@host[:port]/database (no password)'),
      pgTable: z.string().min(1).optional().describe("with from: the source table or view, 'schema.table'"),
      query: z.string().min(1).optional().describe('with from: a SELECT whose rows are imported (ORDER BY for stable row numbers)'),
      decimalComma: z.boolean().optional().describe('numbers like 1,50; default detected'),
      dryRun: z.boolean().optional().describe('check and count, write nothing'),
      checkRefs: z.boolean().optional().describe('unknown customer/product/offer references are errors instead of bare rows'),
      tsFormat: z
        .string()
        .min(1)
        .optional()
        .describe("timestamp columns as 'iso', 'unix-s', 'unix-ms' or a strftime pattern; default detected"),
      maxErrors: z.number().int().min(0).max(1_000_000).default(20).describe('problems listed in the error (the rest are counted)'),
    })
    .refine((i) => (i.file === undefined) !== (i.from === undefined), 'give either file or from (a PostgreSQL URL)')
    .refine((i) => !i.from || (i.pgTable === undefined) !== (i.query === undefined), 'with from, give exactly one of pgTable or query'),
  // One import at a time per store: imports into different tables still touch the same ones
  // (bare customers and products for unknown references, recipe-derived rows).
  job: { lock: () => 'data:imports' },
  createsStore: true,
  files: (i) => (i.file ? [{ path: i.file, mode: 'read' }] : []),
  run: (store, i, ctx) => {
    const progress = {
      update: (done: number, total?: number, note?: string) => ctx.progress(total ? done / total : 0, note ?? 'importing'),
    };
    // The server validates fields one by one (registerOpRoutes): the cross-field rules hold here too.
    if ((i.file === undefined) === (i.from === undefined)) throw new UserError('give either file or from (a PostgreSQL URL)');
    if (i.from) {
      const { from, pgTable, query, table, recipe, dryRun, checkRefs, maxErrors, tsFormat } = i;
      const map = i.map ?? [];
      return importFromPostgres(store, { from, pgTable, query, table, recipe, map, dryRun, checkRefs, maxErrors, tsFormat }, progress);
    }
    return importFileAs(
      store,
      {
        table: i.table,
        file: i.file!,
        format: i.format,
        map: i.map ?? [],
        delimiter: i.delimiter,
        decimalComma: i.decimalComma,
        header: i.header,
        encoding: i.encoding,
        dryRun: i.dryRun,
        checkRefs: i.checkRefs,
        recipe: i.recipe,
        maxErrors: i.maxErrors,
        tsFormat: i.tsFormat,
      },
      i.fileLabel,
      progress,
    );
  },
});
