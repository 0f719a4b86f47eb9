// The customers table's columns (name, DuckDB type), in table order: the attributes audiences,
// segments and rules may name. Only the main schema: a temp table of the same name is not the table.
import type { Store } from './store.ts';

export async function customerColumns(store: Store): Promise<{ name: string; type: string }[]> {
  return store.all<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns
     WHERE table_name = 'customers' AND table_schema = 'main' ORDER BY ordinal_position`,
  );
}
