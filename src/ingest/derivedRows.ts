// Recipe derive steps: rows of another table (customers, products) aggregated per key over the
// imported rows, e.g. a product's most frequent description as its name.
import { quoteIdent, type Store } from '../store/store.ts';
import type { Recipe } from './recipes.ts';
import { addMissingColumns, upsertRows } from './upsertRows.ts';

/** One recipe derive step: aggregate the kept rows per key, add missing columns, upsert. */
export async function derivedRows(store: Store, final: string, d: NonNullable<Recipe['derive']>[number], added: string[]) {
  const q = quoteIdent;
  const t = `${final}_derive_${d.table}`;
  const cols = Object.entries(d.columns)
    .map(([c, expr]) => `${expr} AS ${q(c)}`)
    .join(', ');
  await store.run(
    `CREATE OR REPLACE TEMP TABLE ${q(t)} AS SELECT ${q(d.key)}, ${cols} FROM ${q(final)} WHERE ${q(d.key)} IS NOT NULL GROUP BY ${q(d.key)}`,
  );
  const types = await store.all<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = ? AND table_catalog = 'temp'`,
    [t],
  );
  added.push(
    ...(
      await addMissingColumns(
        store,
        d.table,
        types.filter((c) => c.name !== d.key),
      )
    ).map((c) => `${d.table}.${c}`),
  );
  const counts = await upsertRows(store, { source: t, target: d.table, key: [d.key], columns: Object.keys(d.columns), dryRun: false });
  await store.run(`DROP TABLE IF EXISTS ${q(t)}`);
  return { table: d.table, ...counts };
}
