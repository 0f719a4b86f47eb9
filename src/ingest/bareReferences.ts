// Bare customer/product rows (id only) for references the import brings that the store lacks.
import { quoteIdent, type Store } from '../store/store.ts';
import type { TableSpec } from './tableSpecs.ts';

/** Without --check-refs, unknown customers/products referenced by the rows become bare rows. */
export async function bareReferences(store: Store, final: string, spec: TableSpec, have: string[], checkRefs: boolean) {
  const created = { customers: 0, products: 0 };
  if (checkRefs) return created;
  for (const c of spec.columns) {
    if (!c.ref || c.ref.table === 'offers' || !have.includes(c.name)) continue;
    const t = quoteIdent(c.ref.table);
    const k = quoteIdent(c.ref.column);
    const n = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM (
      SELECT DISTINCT ${quoteIdent(c.name)} AS id FROM ${quoteIdent(final)} WHERE ${quoteIdent(c.name)} IS NOT NULL
      EXCEPT SELECT ${k} FROM ${t})`);
    await store.run(`INSERT INTO ${t} (${k}) SELECT DISTINCT ${quoteIdent(c.name)} FROM ${quoteIdent(final)}
      WHERE ${quoteIdent(c.name)} IS NOT NULL AND ${quoteIdent(c.name)} NOT IN (SELECT ${k} FROM ${t})`);
    created[c.ref.table] += Number(n!.n);
  }
  return created;
}
