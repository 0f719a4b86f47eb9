// Reads the facts the guardrails need, in the row space of a TOR's audience: offer levels and
// validity, membership, per-offer audiences and individual lists, contacts and redemptions.
import type { Offer } from '../domain/types.ts';
import type { EligibilityInput } from '../rank/eligibility.ts';
import type { Store } from '../store/store.ts';
import { audienceIndices } from './audienceForTor.ts';

export type EligibilityFacts = Omit<EligibilityInput, 'nCustomers' | 'nOffers'>;

export async function eligibilityFromStore(
  store: Store,
  offers: Offer[],
  customerIds: string[],
  audience: Int32Array,
  asOf: Date,
  sendDate: Date,
  excludeCustomers: string[],
): Promise<EligibilityFacts> {
  const rowOfId = new Map<string, number>();
  audience.forEach((c, r) => rowOfId.set(customerIds[c], r));
  const rowOfCustomer = new Map<number, number>();
  audience.forEach((c, r) => rowOfCustomer.set(c, r));
  const offerIndex = new Map(offers.map((o, i) => [o.offerId, i]));
  const n = audience.length;
  const facts: EligibilityFacts = {
    sendDate: sendDate.getTime(),
    level: offers.map((o) => o.level),
    validFrom: Float64Array.from(offers, (o) => (o.validFrom ? new Date(o.validFrom).getTime() : NaN)),
    validTo: Float64Array.from(offers, (o) => (o.validTo ? new Date(o.validTo).getTime() : NaN)),
  };
  if (offers.some((o) => o.level === 'members')) {
    const cols = await store.all<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'customers'`,
    );
    const isMember = new Uint8Array(n);
    if (cols.some((c) => c.name === 'is_member')) {
      const m = await store.columns(`SELECT customer_id FROM customers WHERE TRY_CAST(is_member AS BOOLEAN)`, { customer_id: 'str' });
      for (const id of m.customer_id) {
        const r = rowOfId.get(id);
        if (r !== undefined) isMember[r] = 1;
      }
    }
    facts.isMember = isMember;
  }
  if (offers.some((o) => o.level === 'audience')) {
    facts.audience = await Promise.all(
      offers.map(async (o) => {
        if (o.level !== 'audience') return null;
        const mask = new Uint8Array(n);
        if (!o.audience) return mask; // an audience offer without an expression reaches nobody
        for (const c of await audienceIndices(store, o.audience, asOf, customerIds)) {
          const r = rowOfCustomer.get(c);
          if (r !== undefined) mask[r] = 1;
        }
        return mask;
      }),
    );
  }
  if (offers.some((o) => o.level === 'individual')) {
    facts.individual = offers.map((o) =>
      o.level !== 'individual' ? null : Int32Array.from((o.customerIds ?? []).map((id) => rowOfId.get(id) ?? -1).filter((r) => r >= 0)),
    );
  }
  // Control-arm contacts were never sent: they neither suppress nor count towards caps.
  const touches = async (table: 'contacts' | 'responses', col: string) => {
    const where = table === 'contacts' ? ` WHERE "group" IS DISTINCT FROM 'control'` : '';
    const t = await store.columns(`SELECT customer_id, offer_id, epoch_ms(${col})::DOUBLE AS t FROM ${table}${where}`, {
      customer_id: 'str',
      offer_id: 'str',
      t: 'f64',
    });
    const keep: number[] = [];
    for (let i = 0; i < t.t.length; i++) if (rowOfId.has(t.customer_id[i]) && offerIndex.has(t.offer_id[i])) keep.push(i);
    return {
      customer: Int32Array.from(keep, (i) => rowOfId.get(t.customer_id[i])!),
      offer: Int32Array.from(keep, (i) => offerIndex.get(t.offer_id[i])!),
      t: Float64Array.from(keep, (i) => t.t[i]),
    };
  };
  const c = await touches('contacts', 'sent_at');
  if (c.t.length) facts.contacts = { customer: c.customer, offer: c.offer, sentAt: c.t };
  const r = await touches('responses', 'redeemed_at');
  if (r.t.length) facts.responses = { customer: r.customer, offer: r.offer, redeemedAt: r.t };
  if (excludeCustomers.length)
    facts.excludedCustomers = Int32Array.from(excludeCustomers.map((id) => rowOfId.get(id) ?? -1).filter((x) => x >= 0));
  return facts;
}
