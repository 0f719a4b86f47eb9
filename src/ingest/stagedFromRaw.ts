// Builds the staged temp table: one row per file row with its line number, every mapped canonical
// column parsed and typed, defaults filled in, attribute and carried columns, and the recipe drop
// rule it matched (if any). Validation and writing both read this table. Pure SQL, one statement.
import { quoteIdent, quoteLiteral, type Store } from '../store/store.ts';
import type { Mapping } from './columnMapping.ts';
import { attributeExpr, isTextType, parsedExpr, textExpr } from './parseExprs.ts';
import type { RawTable } from './rawFromFile.ts';
import type { TableSpec } from './tableSpecs.ts';
import { timestampFormatExpr, type TimestampReading } from './timestampFormat.ts';

/** An extra file column kept as a typed attribute column of customers/products. */
export interface AttributeColumn {
  source: string;
  /** Column name in the canonical table (the file's name, or the existing column's spelling). */
  name: string;
  /** DuckDB type: the existing column's, or the one inferred for the file's values. */
  type: string;
}

export interface StageInput {
  raw: RawTable;
  spec: TableSpec;
  map: Mapping;
  attributes: AttributeColumn[];
  carry: Record<string, string>;
  computed: Record<string, string>;
  drop: { rule: string; where: string }[];
  decimalComma: boolean;
  /** How each timestamp column is read (timestampFormatsFromRaw.ts); absent = ISO text. */
  timestamps?: Record<string, TimestampReading>;
}

/** Per-table defaults for columns left empty or unmapped, as SQL over the parsed columns. */
function defaultsFor(spec: TableSpec, has: (c: string) => boolean): Record<string, string> {
  const col = (c: string, fallback: string) => (has(c) ? `COALESCE(${quoteIdent(c)}, ${fallback})` : fallback);
  switch (spec.name) {
    case 'order_lines':
      return {
        amount: col('amount', 'quantity * unit_price'),
        kind: col('kind', `CASE WHEN quantity < 0 THEN 'return' ELSE 'purchase' END`),
      };
    case 'offers':
      return { mechanism: col('mechanism', `'other'`), level: col('level', `'all'`) };
    case 'contacts':
      return { group: col('group', `'treatment'`) };
    default:
      return {};
  }
}

/** Text column name holding the raw value of canonical/attribute column `c` (for messages). */
export function textCol(c: string): string {
  return quoteIdent(`__t_${c}`);
}

/** Column holding the parsed (pre-default) value of a column that a default or recipe overrides. */
export function parsedCol(c: string): string {
  return quoteIdent(`__p_${c}`);
}

export interface Staged {
  /** Canonical columns the staged table holds (mapped + defaulted + computed). */
  columns: string[];
  /** Mapped columns whose final value came from a default/recipe; their parsed value is in parsedCol(c). */
  overridden: string[];
}

/** Creates temp table `name` from the raw table. */
export async function stagedFromRaw(store: Store, name: string, s: StageInput): Promise<Staged> {
  const typeOf = new Map(s.raw.columns.map((c) => [c.name, c.type]));
  const l1: string[] = [`(rowid + ${s.raw.lineBase})::BIGINT AS __line`];
  const l2: string[] = ['__line'];
  const mapped = s.spec.columns.filter((c) => s.map[c.name] !== undefined);
  const add = (key: string, source: string, parse: (ref: string, type: string) => string) => {
    const type = typeOf.get(source)!;
    const rawRef = quoteIdent(source);
    l1.push(`${textExpr(rawRef, type)} AS ${textCol(key)}`);
    if (isTextType(type)) {
      l2.push(`${parse(textCol(key), type)} AS ${quoteIdent(key)}`);
    } else {
      l1.push(`${rawRef} AS ${quoteIdent(`__r_${key}`)}`);
      l2.push(`${parse(quoteIdent(`__r_${key}`), type)} AS ${quoteIdent(key)}`);
    }
    l2.push(textCol(key));
  };
  for (const c of mapped) {
    const ts = c.kind === 'timestamp' ? s.timestamps?.[c.name] : undefined;
    add(c.name, s.map[c.name], (ref, type) => (ts ? timestampFormatExpr(ref, type, ts) : parsedExpr(c.kind, ref, type, s.decimalComma)));
  }
  for (const a of s.attributes) add(a.name, a.source, (ref, type) => attributeExpr(ref, type, a.type, s.decimalComma));
  for (const [carryName, source] of Object.entries(s.carry)) {
    l1.push(`${textExpr(quoteIdent(source), typeOf.get(source)!)} AS ${quoteIdent(carryName)}`);
    l2.push(quoteIdent(carryName));
  }
  // L3: recipe-computed columns, then L4: defaults over them; both replace or add canonical columns.
  const present = new Set(mapped.map((c) => c.name));
  const computed = s.computed;
  const afterComputed = new Set([...present, ...Object.keys(computed)]);
  const defaults = defaultsFor(s.spec, (c) => afterComputed.has(c));
  const saved = new Set<string>();
  const layer = (overrides: Record<string, string>, existing: Set<string>) => {
    const out = ['* EXCLUDE (' + ['__dummy', ...Object.keys(overrides).filter((c) => existing.has(c))].map(quoteIdent).join(', ') + ')'];
    for (const [c, expr] of Object.entries(overrides)) {
      out.push(`${expr} AS ${quoteIdent(c)}`);
      // Keep the value as parsed so validation still sees a bad value hidden by a default.
      if (present.has(c) && !saved.has(c)) {
        out.push(`${quoteIdent(c)} AS ${parsedCol(c)}`);
        saved.add(c);
      }
    }
    out.push('NULL AS __dummy');
    return out.join(', ');
  };
  const l3 = layer(computed, present);
  const l4 = layer(defaults, afterComputed);
  const dropCase = s.drop.length
    ? `CASE ${s.drop.map((d) => `WHEN ${d.where} THEN ${quoteLiteral(d.rule)}`).join(' ')} END`
    : 'NULL::VARCHAR';
  const sql = `CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} AS
    SELECT * EXCLUDE (__dummy), ${dropCase} AS __drop FROM (
      SELECT ${l4} FROM (
        SELECT ${l3} FROM (
          SELECT ${l2.join(', ')}, NULL AS __dummy FROM (
            SELECT ${l1.join(', ')} FROM ${quoteIdent(s.raw.name)}))))`;
  await store.run(sql);
  return {
    columns: [...new Set([...afterComputed, ...Object.keys(defaults)])],
    overridden: [...saved],
  };
}
