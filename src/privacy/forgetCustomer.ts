// Erasure of one customer (docs/privacy.md): every row that names the customer, in every table with a
// customer_id column (found in the catalogue, so tables added later are covered too), in one
// transaction; the trained TOR models (they saw the customer's history) and the saved recommendation
// model states (they hold the customer's vector) are dropped, to be refitted on next use; a tombstone
// (SHA-256 of the id, never the id) makes later imports skip the customer's rows; an audit record says
// who erased how many rows. What was exported before the erasure is outside the store: the audit
// record is the trail for it.
import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { appendAudit } from '../access/audit.ts';
import { NotFoundError } from '../domain/errors.ts';
import { quoteIdent, type Store } from '../store/store.ts';

export interface ForgetResult {
  customerId: string;
  /** Rows erased per table (tables without the customer left out). */
  erased: Record<string, number>;
  /** Trained TOR models dropped and saved recommendation model files removed. */
  modelsDropped: number;
  modelFiles: string[];
}

export const customerHash = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');

/** Columns that hold a customer id: ours, and the DinMo-style recommendations table's user_unique_id. */
const CUSTOMER_COLUMNS = ['customer_id', 'user_unique_id'];

/** (table, column) of every customer-id column in the store (the tombstones excepted). */
async function customerTables(store: Store): Promise<{ t: string; c: string }[]> {
  const rows = await store.all<{ t: string; c: string }>(
    `SELECT DISTINCT c.table_name AS t, c.column_name AS c FROM information_schema.columns c JOIN information_schema.tables t
       ON t.table_name = c.table_name AND t.table_schema = c.table_schema
     WHERE c.column_name IN (${CUSTOMER_COLUMNS.map((x) => `'${x}'`).join(', ')}) AND c.table_schema = 'main'
       AND t.table_type = 'BASE TABLE' ORDER BY 1, 2`,
  );
  return rows.filter((r) => r.t !== 'forgotten_customers');
}

/** Saved model states next to the store file: `<store>.<model>.model` (and a leftover `.tmp`). */
function modelStateFiles(storePath: string): string[] {
  if (storePath === ':memory:') return [];
  const dir = dirname(storePath),
    base = basename(storePath);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${base}.`) && /\.model(\.tmp)?$/.test(f))
    .map((f) => join(dir, f));
}

export async function forgetCustomer(store: Store, customerId: string, actor: string): Promise<ForgetResult> {
  const tables = await customerTables(store);
  const erased: Record<string, number> = {};
  let modelsDropped = 0;
  await store.transaction(async () => {
    for (const { t, c } of tables) {
      const where = `WHERE ${quoteIdent(c)}::VARCHAR = ?`;
      const n = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${quoteIdent(t)} ${where}`, [customerId]);
      if (Number(n?.n ?? 0) === 0) continue;
      erased[t] = (erased[t] ?? 0) + Number(n!.n);
      await store.run(`DELETE FROM ${quoteIdent(t)} ${where}`, [customerId]);
    }
    if (Object.keys(erased).length === 0) throw new NotFoundError(`customer '${customerId}' not found: no table holds that id`);
    modelsDropped = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM model_cache`))?.n ?? 0);
    await store.run(`DELETE FROM model_cache`);
    await store.run(`INSERT INTO forgotten_customers VALUES (?, now()::TIMESTAMP, ?) ON CONFLICT DO NOTHING`, [
      customerHash(customerId),
      actor,
    ]);
  });
  const modelFiles = modelStateFiles(store.path);
  for (const f of modelFiles) rmSync(f, { force: true });
  const rows = Object.values(erased).reduce((a, b) => a + b, 0);
  await appendAudit(store, {
    actor,
    role: null,
    action: 'customers.forget',
    target: customerHash(customerId).slice(0, 16),
    outcome: 'ok',
    detail: `${rows} rows erased (${Object.entries(erased)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}); ${modelsDropped} TOR models and ${modelFiles.length} model files dropped`,
  });
  return { customerId, erased, modelsDropped, modelFiles };
}
