// Builds the DuckDB COPY statement that writes a query's result to a file. Pure: text in, text out.
//
// Byte-determinism for CSV: the caller's query must ORDER BY a unique key; this wrapper only
// projects, which keeps DuckDB's row order (preserve_insertion_order is on by default). Every
// FLOAT/DOUBLE column is printed with a fixed format, printf('%.Nf', x) (N = floatDecimals,
// default 6, e.g. 0.1 + 0.2 → "0.300000"), so the text does not depend on shortest-round-trip
// printing; NULL stays an empty field. Parquet keeps the binary DOUBLE values unchanged.

export type ExportFormat = 'csv' | 'parquet';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'parquet'];

/** One result column as DuckDB describes it (type text like 'DOUBLE', 'VARCHAR', 'DECIMAL(18,3)'). */
export interface ColumnInfo {
  name: string;
  type: string;
}

export interface CopySqlConfig {
  /** Digits after the decimal point for FLOAT/DOUBLE columns in CSV. */
  floatDecimals: number;
  /** CSV text cells starting with = + - @ (or tab/CR) get a leading ' so spreadsheets show them, never run them. */
  spreadsheetSafe?: boolean;
}

export const DEFAULT_COPY_SQL_CONFIG: CopySqlConfig = {
  floatDecimals: 6,
};

// Local copies of the store's quoting rules: this module stays free of the DuckDB binding.
const quoteIdent = (name: string): string => '"' + name.replaceAll('"', '""') + '"';
const quoteLiteral = (value: string): string => "'" + value.replaceAll("'", "''") + "'";

const FLOAT_TYPES = new Set(['DOUBLE', 'FLOAT', 'REAL', 'FLOAT4', 'FLOAT8']);

/** The SELECT list that fixes float formatting for CSV (other columns pass through untouched). */
export function csvSelectListFromColumns(columns: ColumnInfo[], floatDecimals: number, spreadsheetSafe = false): string {
  if (!Number.isInteger(floatDecimals) || floatDecimals < 0 || floatDecimals > 17) {
    throw new RangeError(`floatDecimals must be a whole number 0..17 (got ${floatDecimals})`);
  }
  return columns
    .map((c) => {
      const id = quoteIdent(c.name);
      if (FLOAT_TYPES.has(c.type.toUpperCase())) return `printf('%.${floatDecimals}f', q.${id}) AS ${id}`;
      // Formula injection (names and ids come from users' files): neutralise text a spreadsheet would evaluate.
      if (spreadsheetSafe && c.type.toUpperCase() === 'VARCHAR') {
        return `CASE WHEN regexp_matches(q.${id}, '^[=+\-@\t\r]') THEN '''' || q.${id} ELSE q.${id} END AS ${id}`;
      }
      return `q.${id}`;
    })
    .join(', ');
}

/**
 * COPY (query) TO 'path' for `format`. `sql` is the caller's SELECT (may hold `?`/`$n` parameters,
 * bound when the statement runs); `columns` are its result columns, needed only for CSV.
 */
export function copySqlFromQuery(
  sql: string,
  columns: ColumnInfo[],
  format: ExportFormat,
  path: string,
  config: CopySqlConfig = DEFAULT_COPY_SQL_CONFIG,
): string {
  const inner = sql.trim().replace(/;\s*$/, '');
  if (format === 'parquet') {
    return `COPY (${inner}) TO ${quoteLiteral(path)} (FORMAT parquet)`;
  }
  const select = csvSelectListFromColumns(columns, config.floatDecimals, config.spreadsheetSafe);
  return `COPY (SELECT ${select} FROM (${inner}) AS q) TO ${quoteLiteral(path)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', NULLSTR '')`;
}
