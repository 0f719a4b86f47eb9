// Row counts of the canonical (importable) tables, for the data overview screen.
import { TABLE_SPECS, type TableName } from '../ingest/tableSpecs.ts';
import { quoteIdent, type Store } from '../store/store.ts';

export async function tableCounts(store: Store): Promise<{ table: TableName; rows: number }[]> {
  const tables = Object.keys(TABLE_SPECS) as TableName[];
  const row = await store.one<Record<string, bigint>>(
    `SELECT ${tables.map((t) => `(SELECT count(*) FROM ${quoteIdent(t)}) AS ${quoteIdent(t)}`).join(', ')}`);
  return tables.map((t) => ({ table: t, rows: Number(row?.[t] ?? 0) }));
}
