// The import service (CLI `nextbest import`, the API and the demo call this). Flow, all in SQL:
// file → raw temp table (DuckDB reader) → staged (parsed, typed — timestamps read as detected or by
// --ts-format —, defaults, recipe drops, computed order-line columns the file lacks) →
// validation (every problem with file:line:column) → one transaction: attribute columns, upserts,
// recipe-derived rows, bare referenced rows, saved mapping. Any problem → nothing is written.
import { randomBytes } from 'node:crypto';
import { InputError, UserError } from '../domain/errors.ts';
import { withPhysicalLines } from './physicalLines.ts';
import { getMeta, setMeta } from '../store/meta.ts';
import { checkpointQuietly } from '../store/reclaimStoreFile.ts';
import { quoteIdent, type Store } from '../store/store.ts';
import { attributeColumns } from './attributeTypes.ts';
import { mappingFromFlags, resolveMapping, type Mapping } from './columnMapping.ts';
import { decimalCommaFromRaw } from './decimalComma.ts';
import { linkReturns } from './linkReturns.ts';
import { problemsFromStaged } from './problemsFromStaged.ts';
import { rawFromFile, type FileFormat } from './rawFromFile.ts';
import { recipeByName, type Recipe } from './recipes.ts';
import { stagedFromRaw } from './stagedFromRaw.ts';
import { tableSpec } from './tableSpecs.ts';
import { bareReferences } from './bareReferences.ts';
import { derivedRows } from './derivedRows.ts';
import { finalFromStaged } from './finalFromStaged.ts';
import { emptyScopeWarnings } from './emptyScopeWarnings.ts';
import { addMissingColumns, tableColumns, upsertRows } from './upsertRows.ts';
import { recordImportedHistory } from '../snapshot/historyAsOf.ts';
import { ORDER_LINE_FALLBACK_COLUMNS, orderLineFallbacks } from './orderLineFallbacks.ts';
import { checkTimestampPattern, timestampFormatFromFlag, type TimestampFormat } from './timestampFormat.ts';
import { timestampFormatsFromRaw } from './timestampFormatsFromRaw.ts';

export interface ImportOptions {
  /** Canonical table; optional with a recipe (the recipe names it). */
  table?: string;
  file: string;
  format?: FileFormat;
  /** canonical → file column, or `canonical=source` strings as typed on the command line. */
  map?: Mapping | string[];
  delimiter?: string;
  /** undefined = detect (non-comma delimiter and numbers like '1,50' without any '1.50'). */
  decimalComma?: boolean;
  /** undefined = detect; false = the first line is data. */
  header?: boolean;
  encoding?: string;
  dryRun?: boolean;
  /** Unknown customer/product/offer references are errors instead of creating bare rows. */
  checkRefs?: boolean;
  recipe?: string;
  /** Problems listed in the error (the rest are counted). Default 20. */
  maxErrors?: number;
  /** How timestamp columns are read: 'iso', 'unix-s', 'unix-ms' or a strftime pattern; undefined/'auto' = detect. */
  tsFormat?: TimestampFormat;
}

export interface ImportSummary {
  table: string;
  file: string;
  format: FileFormat;
  recipe: string | null;
  dryRun: boolean;
  rowsRead: number;
  /** Rows left after recipe drop rules. */
  rowsKept: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows dropped per recipe rule (not errors). */
  dropped: Record<string, number>;
  /** Bare rows created for unknown references (without --check-refs). */
  created: { customers: number; products: number };
  /** Rows upserted into other tables by the recipe. */
  derived: { table: string; inserted: number; updated: number; unchanged: number }[];
  returns: { linked: number; unlinked: number } | null;
  mapping: Mapping;
  /** How each timestamp column was read, e.g. { ts: 'unix-s (detected)' }. */
  timestamps: Record<string, string>;
  /** Order-line columns the file lacks and the import computed (orderLineFallbacks.ts): column → how. */
  filled: Record<string, string>;
  addedColumns: string[];
  /** Accepted but suspicious (e.g. an offer whose scope matches no product); the CLI prints them. */
  warnings?: string[];
  ignoredColumns: string[];
  dialect: { delimiter: string; header: boolean; encoding: string; decimalComma: boolean } | null;
  seconds: number;
}

/** The subset of src/cli/progress.ts's Progress the service reports to. */
export interface ImportProgress {
  update(done: number, total?: number, note?: string): void;
}

const STEPS = 5;

export async function importFile(store: Store, opts: ImportOptions, progress?: ImportProgress): Promise<ImportSummary> {
  const started = Date.now();
  const recipe = opts.recipe ? recipeByName(opts.recipe) : null;
  const tableName = opts.table || recipe?.table;
  if (!tableName)
    throw new UserError(
      'name the table to import into (customers, products, order_lines, events, offers, contacts, responses) or a --recipe',
    );
  if (recipe && opts.table && opts.table !== recipe.table) {
    throw new UserError(`recipe '${recipe.name}' imports into ${recipe.table}, not ${opts.table}`);
  }
  const spec = tableSpec(tableName);
  const tsFormat = timestampFormatFromFlag(opts.tsFormat);
  const maxErrors = opts.maxErrors ?? 20;
  const tag = `__nb_import_${randomBytes(4).toString('hex')}`;
  const names = { raw: `${tag}_raw`, staged: `${tag}_staged`, final: `${tag}_final` };
  try {
    progress?.update(0, STEPS, 'reading file');
    const raw = await rawFromFile(store, names.raw, opts.file, {
      format: opts.format,
      delimiter: opts.delimiter,
      header: opts.header,
      encoding: opts.encoding,
    });
    const saved = recipe ? {} : ((await getMeta<Mapping>(store, `mapping:${spec.name}`)) ?? {});
    const flags = Array.isArray(opts.map) ? mappingFromFlags(opts.map, spec) : (opts.map ?? {});
    const explicit = { ...(recipe?.map ?? {}), ...flags };
    const fileColumns = raw.columns.map((c) => c.name);
    const derivable = spec.name === 'order_lines' ? ORDER_LINE_FALLBACK_COLUMNS : [];
    const computable = [...Object.keys(recipe?.computed ?? {}), ...derivable];
    const { map, unused } = resolveMapping(spec, fileColumns, explicit, saved, opts.file, computable);
    const fallbacks = derivable.length ? orderLineFallbacks(map, recipe?.computed ?? {}) : { sql: {}, notes: {} };
    await checkTimestampPattern(store, tsFormat);
    const timestamps = await timestampFormatsFromRaw(store, raw, spec, map, tsFormat);
    const carry = carriedColumns(recipe, fileColumns, opts.file);
    const carried = new Set(Object.values(carry));
    const rest = unused.filter((c) => !carried.has(c));
    const decimalComma = opts.decimalComma ?? (await decimalCommaFromRaw(store, raw, spec, map));
    const existing = await tableColumns(store, spec.name);
    // A header-only file adds no attribute column: with no values its type is a guess, and the column stays forever.
    const { attributes, ignored } =
      spec.keepsExtras && raw.rows > 0
        ? await attributeColumns(
            store,
            raw,
            rest,
            spec.columns.map((c) => c.name),
            existing,
            decimalComma,
          )
        : { attributes: [], ignored: rest };

    progress?.update(1, STEPS, 'parsing');
    const staged = await stagedFromRaw(store, names.staged, {
      raw,
      spec,
      map,
      attributes,
      carry,
      computed: { ...(recipe?.computed ?? {}), ...fallbacks.sql },
      drop: recipe?.drop ?? [],
      decimalComma,
      timestamps,
    });

    // Each temp copy goes as soon as the next exists: at ~50M lines every copy is gigabytes (spilled or not).
    await store.run(`DROP TABLE IF EXISTS ${quoteIdent(names.raw)}`);
    // Customers erased on request (docs/privacy.md) stay erased: their rows are dropped, not stored again.
    // (Checked first: hashing every id of a 50M-line file costs seconds when nobody was erased.)
    if (staged.columns.includes('customer_id') && (await store.one(`SELECT 1 AS x FROM forgotten_customers LIMIT 1`)))
      await store.run(
        `UPDATE ${quoteIdent(names.staged)} SET __drop = 'customer erased on request (customers forget)'
         WHERE __drop IS NULL AND sha256(customer_id) IN (SELECT customer_hash FROM forgotten_customers)`,
      );
    progress?.update(2, STEPS, 'validating');
    const { problems, total } = await problemsFromStaged(
      store,
      {
        staged: names.staged,
        spec,
        map,
        columns: staged.columns,
        overridden: staged.overridden,
        attributes,
        checkRefs: Boolean(opts.checkRefs) || spec.checkRefsAlways === true,
        file: opts.file,
        timestamps,
      },
      maxErrors,
    );
    if (total > 0) {
      if (raw.dialect) await withPhysicalLines(problems, raw.file, raw.dialect, raw.lineBase);
      throw new InputError(problems, total, `${opts.file}: ${total} problem(s) found; nothing was written`);
    }
    const dropped = Object.fromEntries(
      (
        await store.all<{ rule: string; n: bigint }>(
          `SELECT __drop AS rule, count(*) AS n FROM ${quoteIdent(names.staged)} WHERE __drop IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`,
        )
      ).map((r) => [r.rule, Number(r.n)]),
    );

    // Columns written: entity tables only touch what the file gives; the others get whole rows.
    const written = spec.keepsExtras
      ? spec.columns.map((c) => c.name).filter((c) => staged.columns.includes(c))
      : spec.columns.map((c) => c.name);
    const rowsKept = await finalFromStaged(
      store,
      names.staged,
      names.final,
      spec,
      written,
      staged.columns,
      attributes.map((a) => a.name),
      Object.keys(carry),
    );
    await store.run(`DROP TABLE IF EXISTS ${quoteIdent(names.staged)}`);
    const returns = recipe?.linkReturns ? await linkReturns(store, names.final) : null;
    const warnings = spec.name === 'offers' ? await emptyScopeWarnings(store, names.final) : [];

    progress?.update(3, STEPS, opts.dryRun ? 'checking (dry run)' : 'writing');
    const dryRun = Boolean(opts.dryRun);
    await store.run('BEGIN TRANSACTION');
    let summaryParts;
    try {
      const addedColumns = await addMissingColumns(store, spec.name, attributes);
      const key = spec.ordinalOver ? [...spec.ordinalOver, 'line_no'] : spec.key;
      const nonKey = [...written, ...attributes.map((a) => a.name)].filter((c) => !key.includes(c));
      const counts = await upsertRows(store, { source: names.final, target: spec.name, key, columns: nonKey, dryRun: false });
      if (spec.name === 'order_lines') await recordImportedHistory(store, names.final);
      const derived = [];
      for (const d of recipe?.derive ?? []) derived.push(await derivedRows(store, names.final, d, addedColumns));
      const created = await bareReferences(
        store,
        names.final,
        spec,
        staged.columns,
        Boolean(opts.checkRefs) || spec.checkRefsAlways === true,
      );
      if (!recipe && Object.keys(flags).length) await setMeta(store, `mapping:${spec.name}`, { ...saved, ...flags });
      for (const [k, v] of Object.entries(recipe?.meta ?? {})) await setMeta(store, k, v);
      summaryParts = { addedColumns, counts, derived, created };
      await store.run(dryRun ? 'ROLLBACK' : 'COMMIT');
    } catch (e) {
      await store.run('ROLLBACK').catch(() => undefined); // a failed COMMIT has already ended it
      await checkpointQuietly(store); // hands the rolled-back rows' blocks back: a failed import leaves the file as it was
      throw e;
    }
    progress?.update(STEPS, STEPS, 'done');
    return {
      table: spec.name,
      file: opts.file,
      format: raw.format,
      recipe: recipe?.name ?? null,
      dryRun,
      rowsRead: raw.rows,
      rowsKept,
      ...summaryParts.counts,
      dropped,
      created: summaryParts.created,
      derived: summaryParts.derived,
      returns,
      mapping: map,
      timestamps: Object.fromEntries(Object.entries(timestamps).map(([c, r]) => [c, `${r.format}${r.detected ? ' (detected)' : ''}`])),
      filled: fallbacks.notes,
      addedColumns: summaryParts.addedColumns,
      warnings,
      ignoredColumns: ignored,
      dialect: raw.dialect
        ? { delimiter: raw.dialect.delimiter, header: raw.dialect.header, encoding: raw.dialect.encoding, decimalComma }
        : null,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    for (const t of [names.raw, names.staged, names.final]) await store.run(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
  }
}

function carriedColumns(recipe: Recipe | null, fileColumns: string[], file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, source] of Object.entries(recipe?.carry ?? {})) {
    const found = fileColumns.find((c) => c === source) ?? fileColumns.find((c) => c.toLowerCase() === source.toLowerCase());
    if (!found)
      throw new UserError(`${file}: recipe '${recipe!.name}' needs a column '${source}' (file columns: ${fileColumns.join(', ')})`);
    out[name] = found;
  }
  return out;
}
