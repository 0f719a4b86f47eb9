// SQL expressions that turn one raw file column (VARCHAR from CSV, or the native type DuckDB read
// from Parquet/JSON) into a canonical typed value, NULL when it does not parse. Validation then
// compares the parsed value against the raw text, so all checks run in SQL over the whole file.
import { quoteLiteral } from '../store/store.ts';
import type { ColumnKind } from './tableSpecs.ts';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;
const FLOATING = /^(FLOAT|DOUBLE|DECIMAL.*)$/;

/** Raw types parsed from their text: the text column is passed instead of the raw one. */
export function isTextType(type: string): boolean {
  return type === 'VARCHAR' || type === 'JSON';
}

export function isNumericType(type: string): boolean {
  return NUMERIC.test(type);
}

/** Trimmed text, empty → NULL. Whole floats print without '.0' so a Parquet id 17850.0 stays '17850'. */
export function textExpr(ref: string, type: string): string {
  if (type === 'JSON') return `NULLIF(trim(${ref}->>'$'), '')`;
  if (FLOATING.test(type)) {
    return `CASE WHEN ${ref} = trunc(${ref}) AND abs(${ref}) < 1e15 THEN CAST(CAST(${ref} AS BIGINT) AS VARCHAR) ELSE CAST(${ref} AS VARCHAR) END`;
  }
  return `NULLIF(trim(CAST(${ref} AS VARCHAR)), '')`;
}

/**
 * DOUBLE or NULL (also NULL for NaN/inf). With `decimalComma`, '1,50' → 1.5 and '1.234,50' → 1234.5
 * (a dot is a thousands separator only when the value also has a comma).
 */
export function numberExpr(ref: string, type: string, decimalComma: boolean): string {
  // JSON true/false would cast to 1/0: a boolean is not a quantity or a price.
  if (type === 'BOOLEAN') return 'NULL::DOUBLE';
  if (isNumericType(type)) return `CASE WHEN isfinite(CAST(${ref} AS DOUBLE)) THEN CAST(${ref} AS DOUBLE) END`;
  // `ref` is already trimmed text here (see stagedFromRaw); text-typed raw columns are parsed from it.
  const t = ref;
  const norm = decimalComma ? `CASE WHEN ${t} LIKE '%,%' THEN replace(replace(${t}, '.', ''), ',', '.') ELSE ${t} END` : t;
  const v = `TRY_CAST(${norm} AS DOUBLE)`;
  return `CASE WHEN isfinite(${v}) THEN ${v} END`;
}

// ISO date-time followed by 'Z' or an offset (+02, +0200, +02:00). Groups: wall clock, sign, hours, minutes.
export const ZONED = '^(.+?[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?)\\s*(?:Z|([+-])([0-9]{2}):?([0-9]{2})?)$';

/**
 * Wall-clock TIMESTAMP or NULL. Accepts `2011-01-02`, `2011-01-02 10:00[:00]`, `2011-01-02T10:00:00`;
 * a trailing `Z`/offset converts to UTC (wall clock − offset). TIMESTAMPTZ columns convert to UTC too.
 */
export function timestampExpr(ref: string, type: string): string {
  if (type === 'TIMESTAMP WITH TIME ZONE') return `make_timestamp(epoch_us(${ref}))`;
  if (/^(TIMESTAMP|DATE)/.test(type)) return `CAST(${ref} AS TIMESTAMP)`;
  if (!isTextType(type)) return timestampExpr(textExpr(ref, type), 'VARCHAR'); // a number is not a date unless read as a unix time
  const s = ref;
  const rx = quoteLiteral(ZONED);
  const part = (i: number) => `regexp_extract(${s}, ${rx}, ${i})`;
  const offsetMinutes = `CAST(CASE WHEN ${part(2)} = '-' THEN -1 ELSE 1 END
      * (COALESCE(TRY_CAST(${part(3)} AS INTEGER), 0) * 60 + COALESCE(TRY_CAST(NULLIF(${part(4)}, '') AS INTEGER), 0)) AS BIGINT)`;
  // Only strings ending in Z or carrying a sign after the date part can have an offset: test those
  // with the regex, cast the rest directly (the common, fast path).
  const zoned = `(${s} LIKE '%Z' OR contains(substr(${s}, 11), '+') OR contains(substr(${s}, 11), '-'))`;
  return `(CASE WHEN NOT ${zoned} THEN TRY_CAST(${s} AS TIMESTAMP)
            WHEN regexp_matches(${s}, ${rx}) AND ${offsetInRange(s)} THEN TRY_CAST(${part(1)} AS TIMESTAMP) - to_minutes(${offsetMinutes}) END)`;
}

/** SQL: the zone offset of zoned text `s` is a real one (−14:00 … +14:00; a '+99:00' is a typo, not a zone). */
export function offsetInRange(s: string): string {
  const rx = quoteLiteral(ZONED);
  const hours = `COALESCE(TRY_CAST(regexp_extract(${s}, ${rx}, 3) AS INTEGER), 0)`;
  const minutes = `COALESCE(TRY_CAST(NULLIF(regexp_extract(${s}, ${rx}, 4), '') AS INTEGER), 0)`;
  return `(${hours} * 60 + ${minutes} <= 14 * 60 AND ${minutes} < 60)`;
}

/** VARCHAR[] from a list column, a '[a, b]' literal, or ids separated by '|', ';' or ','. */
export function listExpr(ref: string, type: string): string {
  if (type.endsWith('[]')) return `CAST(${ref} AS VARCHAR[])`;
  const s = ref;
  return `(CASE WHEN ${s} LIKE '[%' THEN TRY_CAST(${s} AS VARCHAR[])
            ELSE list_filter(list_transform(regexp_split_to_array(${s}, '[|;,]'), lambda x: trim(x)), lambda x: x <> '') END)`;
}

/**
 * The parsed value of a column. `ref` is the raw column when its type is native (numbers, dates,
 * lists from Parquet/JSON), or its trimmed text (`textExpr`, computed once in an inner SELECT)
 * when the raw type is VARCHAR/JSON — the parsers below then only see clean text.
 */
export function parsedExpr(kind: ColumnKind, ref: string, type: string, decimalComma: boolean): string {
  switch (kind) {
    case 'id':
    case 'text':
      return isTextType(type) ? ref : textExpr(ref, type);
    case 'number':
      return numberExpr(ref, type, decimalComma);
    case 'timestamp':
      return timestampExpr(ref, type);
    case 'list':
      return listExpr(ref, type);
  }
}

/** An attribute column's value as `sqlType` (the type inferred for it, or the existing column's). */
export function attributeExpr(ref: string, rawType: string, sqlType: string, decimalComma: boolean): string {
  if (sqlType === 'VARCHAR') return isTextType(rawType) ? ref : textExpr(ref, rawType);
  if (sqlType === 'DOUBLE') return numberExpr(ref, rawType, decimalComma);
  if (sqlType === 'TIMESTAMP') return timestampExpr(ref, rawType);
  if (isTextType(rawType)) return `TRY_CAST(${ref} AS ${sqlType})`;
  return `TRY_CAST(${ref} AS ${sqlType})`;
}
