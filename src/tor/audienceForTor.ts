// Resolves a TOR's audience: every customer with history before the as-of date ("addressable"),
// narrowed by the audience expression when one is set ("included").
import { audienceRelation } from '../segments/audienceRelation.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';

export interface AudienceCount {
  included: number;
  addressable: number;
}

/**
 * The customer-features relation (aliased f) and the audience condition over it ('true' when no
 * expression); `?` params: the as-of timestamp, nParams times. Model outputs ("AI attributes" such as
 * offer_rank('family=bags')) join in when the expression names them (segments/audienceRelation.ts).
 */
function audienceQuery(store: Store, audience: string | null): Promise<{ from: string; where: string; nParams: number }> {
  return audienceRelation(store, audience);
}

/** "N included of M addressable customers" for an expression as of a date, in one pass. Throws AudienceError (exit 2) on a bad expression. */
export async function countAudience(store: Store, audience: string | null, asOf: Date): Promise<AudienceCount> {
  const q = await audienceQuery(store, audience);
  const r = await store.one<{ included: bigint; addressable: bigint }>(
    `SELECT count(*) FILTER (WHERE ${q.where}) AS included, count(*) AS addressable FROM ${q.from}`,
    Array(q.nParams).fill(isoLocal(asOf)),
  );
  return { included: Number(r!.included), addressable: Number(r!.addressable) };
}

/** Dense indices (into `customerIds`) of the included customers, ascending. */
export async function audienceIndices(store: Store, audience: string | null, asOf: Date, customerIds: string[]): Promise<Int32Array> {
  const q = await audienceQuery(store, audience);
  const ids = (
    await store.columns(
      `SELECT f.customer_id FROM ${q.from} WHERE ${q.where}`,
      { customer_id: 'str' },
      Array(q.nParams).fill(isoLocal(asOf)),
    )
  ).customer_id;
  const index = new Map(customerIds.map((id, i) => [id, i]));
  const out: number[] = [];
  for (const id of ids) {
    const i = index.get(id);
    if (i !== undefined) out.push(i);
  }
  return Int32Array.from(out).sort();
}
