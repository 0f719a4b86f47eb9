// Types for new attribute columns (extra file columns of customers/products), inferred like DuckDB's
// CSV sniffer but over every value, not a sample: BOOLEAN, BIGINT, DOUBLE, DATE, TIMESTAMP, else
// VARCHAR. Codes with leading zeros ('00123') stay VARCHAR so they are not mangled into numbers.
// Native Parquet/JSON types are kept as they are. Existing columns keep their stored type.
import { quoteIdent, type Store } from '../store/store.ts';
import { isTextType, numberExpr, textExpr, timestampExpr } from './parseExprs.ts';
import type { RawTable } from './rawFromFile.ts';
import type { AttributeColumn } from './stagedFromRaw.ts';

/** Names a file column may not take as an attribute (computed or internal). */
const RESERVED = /^(line_no|__.*)$/i;

export async function attributeColumns(
  store: Store,
  raw: RawTable,
  unused: string[],
  canonical: string[],
  existing: { name: string; type: string }[],
  decimalComma: boolean,
): Promise<{ attributes: AttributeColumn[]; ignored: string[] }> {
  const canon = new Set(canonical.map((c) => c.toLowerCase()));
  const stored = new Map(existing.map((c) => [c.name.toLowerCase(), c]));
  const attributes: AttributeColumn[] = [];
  const ignored: string[] = [];
  for (const source of unused) {
    if (canon.has(source.toLowerCase()) || RESERVED.test(source)) {
      ignored.push(source);
      continue;
    }
    const have = stored.get(source.toLowerCase());
    const rawType = raw.columns.find((c) => c.name === source)!.type;
    const type = have ? have.type : isTextType(rawType) ? await inferredType(store, raw, source, rawType, decimalComma) : rawType;
    attributes.push({ source, name: have ? have.name : source, type });
  }
  return { attributes, ignored };
}

async function inferredType(store: Store, raw: RawTable, source: string, rawType: string, decimalComma: boolean): Promise<string> {
  const t = 't';
  const r = (await store.one<Record<string, bigint>>(`
    SELECT count(t) AS n,
      count(*) FILTER (WHERE lower(t) IN ('true', 'false')) AS b,
      count(TRY_CAST(t AS BIGINT)) FILTER (WHERE NOT regexp_matches(t, '^[+-]?0[0-9]')) AS i,
      count(${numberExpr(t, 'VARCHAR', decimalComma)}) FILTER (WHERE NOT regexp_matches(t, '^[+-]?0[0-9]')) AS d,
      count(*) FILTER (WHERE regexp_full_match(t, '[0-9]{4}-[0-9]{2}-[0-9]{2}') AND TRY_CAST(t AS DATE) IS NOT NULL) AS dt,
      count(${timestampExpr(t, 'VARCHAR')}) AS ts
    FROM (SELECT ${textExpr(quoteIdent(source), rawType)} AS t FROM ${quoteIdent(raw.name)})`))!;
  const n = r.n;
  if (n === 0n) return 'VARCHAR';
  if (r.b === n) return 'BOOLEAN';
  if (r.i === n) return 'BIGINT';
  if (r.d === n) return 'DOUBLE';
  if (r.dt === n) return 'DATE';
  if (r.ts === n) return 'TIMESTAMP';
  return 'VARCHAR';
}
