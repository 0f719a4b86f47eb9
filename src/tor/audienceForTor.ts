// Resolves a TOR's audience: every customer with history before the as-of date ("addressable"),
// narrowed by the audience expression when one is set ("included").
import { audienceFields } from '../audience/audienceFields.ts';
import { audienceFromText } from '../audience/checkAudience.ts';
import { audienceSql } from '../audience/audienceSql.ts';
import { customerFeaturesSql } from '../snapshot/customerFeaturesSql.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';

export interface AudienceCount {
  included: number;
  addressable: number;
}

async function customerColumns(store: Store): Promise<{ name: string; type: string }[]> {
  return store.all<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = 'customers' ORDER BY ordinal_position`);
}

/** SQL selecting customer_id of the included customers; `?` params: the as-of timestamp, repeated. */
async function includedSql(store: Store, audience: string | null): Promise<{ sql: string; nParams: number }> {
  const cols = await customerColumns(store);
  const base = customerFeaturesSql(cols.map((c) => c.name));
  const nParams = base.split('?::TIMESTAMP').length - 1;
  if (!audience) return { sql: `SELECT customer_id FROM (${base})`, nParams };
  const expr = audienceFromText(audience, audienceFields(cols.filter((c) => c.name !== 'customer_id')));
  return { sql: `SELECT customer_id FROM (${base}) AS f WHERE ${audienceSql(expr, { alias: 'f' })}`, nParams };
}

/** "N included of M addressable customers" for an expression as of a date. Throws AudienceError (exit 2) on a bad expression. */
export async function countAudience(store: Store, audience: string | null, asOf: Date): Promise<AudienceCount> {
  const inc = await includedSql(store, audience);
  const all = await includedSql(store, null);
  const at = isoLocal(asOf);
  const n = async (q: { sql: string; nParams: number }) =>
    Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM (${q.sql})`, Array(q.nParams).fill(at)))!.n);
  return { included: await n(inc), addressable: await n(all) };
}

/** Dense indices (into `customerIds`) of the included customers, ascending. */
export async function audienceIndices(store: Store, audience: string | null, asOf: Date, customerIds: string[]): Promise<Int32Array> {
  const q = await includedSql(store, audience);
  const ids = (await store.columns(q.sql, { customer_id: 'str' }, Array(q.nParams).fill(isoLocal(asOf)))).customer_id;
  const index = new Map(customerIds.map((id, i) => [id, i]));
  const out: number[] = [];
  for (const id of ids) { const i = index.get(id); if (i !== undefined) out.push(i); }
  return Int32Array.from(out).sort();
}
