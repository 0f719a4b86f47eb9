// Reads one interaction file for `evaluate --train/--test` with the import's own pipeline (ingest/):
// CSV, Parquet or JSON; columns found by the order-line names, `user`/`item`, or `--map`; timestamps
// detected or read by `--ts-format`; every bad value a file:line:column problem. Only customer and
// product are required: no ts (then the caller places the lines in time), no order_id, no quantity
// (1) — a log of ratings or clicks is evaluated as it is.
import { InputError } from '../domain/errors.ts';
import { mappingFromFlags, resolveMapping, type Mapping } from '../ingest/columnMapping.ts';
import { decimalCommaFromRaw } from '../ingest/decimalComma.ts';
import { orderLineFallbacks } from '../ingest/orderLineFallbacks.ts';
import { withPhysicalLines } from '../ingest/physicalLines.ts';
import { problemsFromStaged } from '../ingest/problemsFromStaged.ts';
import { rawFromFile, type FileFormat } from '../ingest/rawFromFile.ts';
import { stagedFromRaw } from '../ingest/stagedFromRaw.ts';
import { TABLE_SPECS, type TableSpec } from '../ingest/tableSpecs.ts';
import type { TimestampFormat } from '../ingest/timestampFormat.ts';
import { timestampFormatsFromRaw } from '../ingest/timestampFormatsFromRaw.ts';
import { quoteIdent, type Store } from '../store/store.ts';

export interface InteractionFileOptions {
  format?: FileFormat;
  /** `canonical=source` entries, as `import --map` takes them (customer_id, product_id, ts, quantity, order_id, kind). */
  map?: string[];
  tsFormat?: TimestampFormat;
  maxErrors?: number;
}

export interface InteractionFile {
  /** Table with u, i (ids), ts (TIMESTAMP, NULL without a ts column), q (quantity), o (order id or NULL), rn (file order). */
  table: string;
  hasTs: boolean;
  hasOrders: boolean;
  rows: number;
}

/** order_lines with only the two ids required and no references to check. */
const SPEC: TableSpec = {
  ...TABLE_SPECS.order_lines,
  columns: TABLE_SPECS.order_lines.columns.map((c) => ({
    ...c,
    ref: undefined,
    required: c.name === 'customer_id' || c.name === 'product_id',
  })),
};

/** Files named in the B1 file format (user, item) map themselves when they lack the canonical names. */
const ALIASES: Record<string, string> = { customer_id: 'user', product_id: 'item' };

/** Loads `file` into temp table `name` (purchase lines: kind purchase, quantity > 0); InputError on bad rows. */
export async function interactionsFromFile(
  store: Store,
  name: string,
  file: string,
  opts: InteractionFileOptions = {},
): Promise<InteractionFile> {
  const rawName = `${name}_raw`,
    stagedName = `${name}_staged`;
  try {
    const raw = await rawFromFile(store, rawName, file, { format: opts.format });
    const columns = raw.columns.map((c) => c.name);
    const explicit: Mapping = mappingFromFlags(opts.map ?? [], SPEC);
    const has = (c: string) => columns.some((f) => f.toLowerCase() === c.toLowerCase());
    for (const [canonical, alias] of Object.entries(ALIASES)) {
      if (explicit[canonical] === undefined && !has(canonical) && has(alias)) explicit[canonical] = alias;
    }
    const { map } = resolveMapping(SPEC, columns, explicit, {}, file);
    const timestamps = await timestampFormatsFromRaw(store, raw, SPEC, map, opts.tsFormat);
    const decimalComma = await decimalCommaFromRaw(store, raw, SPEC, map);
    const staged = await stagedFromRaw(store, stagedName, {
      raw,
      spec: SPEC,
      map,
      attributes: [],
      carry: {},
      computed: orderLineFallbacks(map, {}).sql,
      drop: [],
      decimalComma,
      timestamps,
    });
    const { problems, total } = await problemsFromStaged(
      store,
      {
        staged: stagedName,
        spec: SPEC,
        map,
        columns: staged.columns,
        overridden: staged.overridden,
        attributes: [],
        checkRefs: false,
        file,
        timestamps,
      },
      opts.maxErrors ?? 20,
    );
    if (total > 0) {
      if (raw.dialect) await withPhysicalLines(problems, raw.file, raw.dialect, raw.lineBase);
      throw new InputError(problems, total, `${file}: ${total} problem(s) found`);
    }
    const hasTs = map.ts !== undefined,
      hasOrders = map.order_id !== undefined;
    await store.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} AS
      SELECT customer_id AS u, product_id AS i, ${hasTs ? 'ts' : 'NULL::TIMESTAMP'} AS ts, quantity AS q,
             ${hasOrders ? 'order_id' : 'NULL::VARCHAR'} AS o, __line AS rn
      FROM ${quoteIdent(stagedName)} WHERE kind = 'purchase' AND quantity > 0`);
    const rows = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${quoteIdent(name)}`))!.n);
    return { table: name, hasTs, hasOrders, rows };
  } finally {
    for (const t of [rawName, stagedName]) await store.run(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
  }
}
