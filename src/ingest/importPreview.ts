// What an import would see, without importing: the file's columns, its first rows, and the
// mapping the import would use (explicit > saved > same name), plus the required columns still
// unmapped — for the mapping screen. Reads only the first rows (the readers stop early).
import { randomBytes } from 'node:crypto';
import { UserError } from '../domain/errors.ts';
import { getMeta } from '../store/meta.ts';
import { quoteIdent, type Store } from '../store/store.ts';
import { mappingFromFlags, resolveMapping, type Mapping } from './columnMapping.ts';
import { rawFromFile, type FileFormat, type RawOptions } from './rawFromFile.ts';
import { ORDER_LINE_FALLBACK_COLUMNS } from './orderLineFallbacks.ts';
import { recipeByName } from './recipes.ts';
import { tableSpec } from './tableSpecs.ts';

export interface PreviewOptions extends RawOptions {
  file: string;
  table?: string;
  recipe?: string;
  map?: Mapping | string[];
  /** Rows to show (the file is read this far only). */
  rows: number;
}

export interface ImportPreview {
  table: string;
  format: FileFormat;
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  /** canonical → file column, as the import would resolve it. */
  mapping: Mapping;
  /** Required canonical columns no file column maps to (the import would refuse the file). */
  missing: string[];
  /** File columns the mapping does not use (attributes for customers/products, else ignored). */
  unused: string[];
  dialect: { delimiter: string; header: boolean; encoding: string } | null;
}

export async function importPreview(store: Store, opts: PreviewOptions): Promise<ImportPreview> {
  const recipe = opts.recipe ? recipeByName(opts.recipe) : null;
  const tableName = opts.table || recipe?.table;
  if (!tableName) {
    throw new UserError(
      'name the table to import into (customers, products, order_lines, events, offers, contacts, responses) or a recipe',
    );
  }
  const spec = tableSpec(tableName);
  const name = `__nb_preview_${randomBytes(4).toString('hex')}`;
  try {
    const raw = await rawFromFile(store, name, opts.file, { ...opts, limit: opts.rows });
    const rows = await store.all(`SELECT * FROM ${quoteIdent(name)}`);
    const saved = recipe ? {} : ((await getMeta<Mapping>(store, `mapping:${spec.name}`)) ?? {});
    const flags = Array.isArray(opts.map) ? mappingFromFlags(opts.map, spec) : (opts.map ?? {});
    // Order-line columns the import computes when absent (orderLineFallbacks.ts) are not missing.
    const computed = [...Object.keys(recipe?.computed ?? {}), ...(spec.name === 'order_lines' ? ORDER_LINE_FALLBACK_COLUMNS : [])];
    // Resolved with nothing required, so a preview shows a partial mapping instead of refusing it.
    const relaxed = { ...spec, columns: spec.columns.map((c) => ({ ...c, required: false })) };
    const explicit = { ...(recipe?.map ?? {}), ...flags };
    const { map, unused } = resolveMapping(
      relaxed,
      raw.columns.map((c) => c.name),
      explicit,
      saved,
      opts.file,
      computed,
    );
    const missing = spec.columns.filter((c) => c.required && map[c.name] === undefined && !computed.includes(c.name)).map((c) => c.name);
    const d = raw.dialect;
    return {
      table: spec.name,
      format: raw.format,
      columns: raw.columns,
      rows,
      mapping: map,
      missing,
      unused,
      dialect: d ? { delimiter: d.delimiter, header: d.header, encoding: d.encoding } : null,
    };
  } finally {
    await store.run(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
  }
}
