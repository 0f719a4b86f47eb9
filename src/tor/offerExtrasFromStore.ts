// Engagement events, past contacts and responses before the as-of date, mapped to a TOR's offers
// (the propensity model's optional signals). Events reach an offer through their product's scope.
import type { Offer } from '../domain/types.ts';
import { offerProductsSql } from '../offers/offerProductsSql.ts';
import type { OfferExtras, OfferTouches } from '../snapshot/offerFeaturesStats.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';

/** Builds the VALUES list SQL of (offer index, offer id) for joins. */
function offerIndexSql(offers: Offer[]): string {
  return offers.map((o, i) => `(${i}, '${o.offerId.replaceAll("'", "''")}')`).join(', ');
}

let extrasSeq = 0;

export async function offerExtrasFromStore(store: Store, offers: Offer[], customerIds: string[], asOf: Date): Promise<OfferExtras> {
  if (offers.length === 0) return {};
  const xc = `_xc${++extrasSeq}`; // unique per call: concurrent computes share the connection
  await store.run(`CREATE TEMP TABLE ${xc} (ci INTEGER, customer_id VARCHAR)`);
  await store.appendColumns(xc, [Int32Array.from(customerIds, (_, i) => i), customerIds]);
  const oi = `(VALUES ${offerIndexSql(offers)}) AS oi(idx, offer_id)`;
  const at = isoLocal(asOf);
  try {
    const ev = await store.columns(
      `WITH op AS (${offerProductsSql(offers)})
       SELECT c.ci, oi.idx AS o, epoch_ms(e.ts)::DOUBLE AS t, CASE WHEN e.type = 'view' THEN 0 ELSE 1 END AS ty
       FROM events e JOIN ${xc} c USING (customer_id) JOIN op ON op.product_id = e.product_id JOIN ${oi} ON oi.offer_id = op.offer_id
       WHERE e.type IN ('view', 'cart_add') AND e.ts < ?::TIMESTAMP ORDER BY t`,
      { ci: 'i32', o: 'i32', t: 'f64', ty: 'i32' },
      [at],
    );
    const touches = async (table: 'contacts' | 'responses', col: string): Promise<OfferTouches | undefined> => {
      const r = await store.columns(
        `SELECT c.ci, oi.idx AS o, epoch_ms(x.${col})::DOUBLE AS t FROM ${table} x JOIN ${xc} c USING (customer_id)
         JOIN ${oi} ON oi.offer_id = x.offer_id WHERE x.${col} < ?::TIMESTAMP
         ${table === 'contacts' ? `AND x."group" IS DISTINCT FROM 'control'` : ''} ORDER BY t`,
        { ci: 'i32', o: 'i32', t: 'f64' },
        [at],
      );
      return r.ci.length ? { cust: r.ci, offer: r.o, ts: r.t } : undefined;
    };
    const out: OfferExtras = {};
    if (ev.ci.length) out.events = { cust: ev.ci, offer: ev.o, ts: ev.t, type: Uint8Array.from(ev.ty) };
    const contacts = await touches('contacts', 'sent_at');
    if (contacts) out.contacts = contacts;
    const responses = await touches('responses', 'redeemed_at');
    if (responses) out.responses = responses;
    return out;
  } finally {
    await store.run(`DROP TABLE IF EXISTS ${xc}`);
  }
}
