// The rows an import writes: staged rows not dropped, with the written columns (absent ones as
// typed NULLs), attribute and carried columns, and line_no (the ordinal) for ordinal tables.
import { quoteIdent, type Store } from '../store/store.ts';
import type { ColumnKind, TableSpec } from './tableSpecs.ts';

const SQL_TYPE: Record<ColumnKind, string> = {
  id: 'VARCHAR',
  text: 'VARCHAR',
  number: 'DOUBLE',
  timestamp: 'TIMESTAMP',
  list: 'VARCHAR[]',
};

/** Kept rows with the written columns (absent ones as typed NULLs) and line_no for ordinal tables. */
export async function finalFromStaged(
  store: Store,
  staged: string,
  final: string,
  spec: TableSpec,
  written: string[],
  have: string[],
  attributes: string[],
  carry: string[],
): Promise<number> {
  const q = quoteIdent;
  const cols = written.map((c) => {
    if (have.includes(c)) return q(c);
    const kind = spec.columns.find((s) => s.name === c)!.kind;
    return `NULL::${SQL_TYPE[kind]} AS ${q(c)}`;
  });
  if (spec.ordinalOver) {
    cols.push(`(row_number() OVER (PARTITION BY ${spec.ordinalOver.map(q).join(', ')} ORDER BY __line) - 1)::INTEGER AS line_no`);
  }
  await store.run(`CREATE OR REPLACE TEMP TABLE ${q(final)} AS
    SELECT __line, ${[...cols, ...attributes.map(q), ...carry.map(q)].join(', ')} FROM ${q(staged)} WHERE __drop IS NULL`);
  return Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${q(final)}`))!.n);
}
