// Personal offers from the engine: each member's TOR results become personal offers whose terms
// come from the offer configured once (mechanism → benefit type, value, validity, product list).
// Rows for the same (customer, offer) are replaced; everything in one transaction.
import { NotFoundError, UserError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import { memberCondition } from './loyaltyMembers.ts';

export interface PersonalOffersWritten {
  source: 'tor' | 'recs';
  rows: number;
  customers: number;
  offers: number;
}

/** SELECT of personal_offers rows from a relation `r(customer_id, offer_id, products)` joined to offers. */
export function personalOfferRowsSql(relation: string, source: 'tor' | 'recs'): string {
  return `SELECT r.customer_id, r.offer_id, o.name AS terms, r.products, o.mechanism AS benefit_type, o.value AS benefit_value,
      o.valid_from, o.valid_to, '${source}' AS source
    FROM ${relation} r JOIN offers o USING (offer_id)`;
}

/** Replaces the given rows' (customer, offer) pairs in personal_offers; returns the counts. */
export async function writePersonalOffers(
  store: Store,
  select: string,
  params: string[],
  source: 'tor' | 'recs',
): Promise<PersonalOffersWritten> {
  return store.transaction(async () => {
    await store.run(`CREATE OR REPLACE TEMP TABLE _po_new AS ${select}`, params);
    await store.run(`DELETE FROM personal_offers WHERE (customer_id, offer_id) IN (SELECT (customer_id, offer_id) FROM temp._po_new)`);
    await store.run(`INSERT INTO personal_offers SELECT * FROM temp._po_new`);
    const n = (await store.one<{ rows: bigint; customers: bigint; offers: bigint }>(
      `SELECT count(*) AS rows, count(DISTINCT customer_id) AS customers, count(DISTINCT offer_id) AS offers FROM temp._po_new`,
    ))!;
    await store.run(`DROP TABLE temp._po_new`);
    return { source, rows: Number(n.rows), customers: Number(n.customers), offers: Number(n.offers) };
  });
}

export async function personalOffersFromTor(store: Store, torId: string): Promise<PersonalOffersWritten> {
  if (!(await store.one(`SELECT 1 AS x FROM tors WHERE tor_id = ?`, [torId]))) throw new NotFoundError(`no TOR ${torId}`);
  if (!(await store.one(`SELECT 1 AS x FROM tor_results WHERE tor_id = ? LIMIT 1`, [torId]))) {
    throw new UserError(`TOR ${torId} has no results: compute it first (nextbest tor compute ${torId})`);
  }
  const rel = `(SELECT t.customer_id, t.offer_id, o2.scope_products AS products FROM tor_results t
    JOIN offers o2 USING (offer_id) JOIN customers c USING (customer_id)
    WHERE t.tor_id = ? AND ${await memberCondition(store)})`;
  return writePersonalOffers(store, personalOfferRowsSql(rel, 'tor'), [torId], 'tor');
}
