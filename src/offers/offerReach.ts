// How many customers each offer, and each offer level, can reach as of a date: 'all' reaches every
// addressable customer (history before the date), 'members' those with is_member true, 'audience'
// those its expression includes, 'individual' the listed customers who are addressable — the same
// rules the TOR guardrails apply (tor/eligibilityFromStore.ts). A level's reach counts each customer once.
import type { OfferLevel } from '../domain/types.ts';
import { listOffers } from '../store/offerTable.ts';
import type { Store } from '../store/store.ts';
import { audienceIndices } from '../tor/audienceForTor.ts';

export interface OfferReachRow {
  offerId: string;
  name: string;
  level: OfferLevel;
  active: boolean;
  reach: number;
}
export interface LevelReach {
  level: OfferLevel;
  offers: number;
  activeOffers: number;
  reach: number;
}
export interface OfferReachReport {
  asOf: Date;
  addressable: number;
  offers: OfferReachRow[];
  levels: LevelReach[];
}

const LEVELS: OfferLevel[] = ['all', 'members', 'audience', 'individual'];

export async function offerReach(store: Store, asOf: Date): Promise<OfferReachReport> {
  const ids = (await store.all<{ id: string }>(`SELECT customer_id AS id FROM customers ORDER BY 1`)).map((r) => r.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const addressable = new Uint8Array(ids.length);
  for (const i of await audienceIndices(store, null, asOf, ids)) addressable[i] = 1;
  const hasMember = await store.one(
    `SELECT 1 AS x FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'is_member'`,
  );
  const members = new Uint8Array(ids.length);
  if (hasMember) {
    for (const r of await store.all<{ id: string }>(`SELECT customer_id AS id FROM customers WHERE TRY_CAST(is_member AS BOOLEAN)`)) {
      if (addressable[index.get(r.id)!]) members[index.get(r.id)!] = 1;
    }
  }
  const offers = await listOffers(store);
  const byLevel = new Map(LEVELS.map((l) => [l, { mask: new Uint8Array(ids.length), offers: 0, activeOffers: 0 }]));
  const rows: OfferReachRow[] = [];
  for (const o of offers) {
    let mask: Uint8Array;
    if (o.level === 'all') mask = addressable;
    else if (o.level === 'members') mask = members;
    else {
      mask = new Uint8Array(ids.length);
      const list =
        o.level === 'audience'
          ? o.audience
            ? await audienceIndices(store, o.audience, asOf, ids)
            : []
          : (o.customerIds ?? []).map((id) => index.get(id) ?? -1);
      for (const i of list) if (i >= 0 && addressable[i]) mask[i] = 1;
    }
    const active = (!o.validFrom || o.validFrom <= asOf) && (!o.validTo || asOf <= o.validTo);
    const l = byLevel.get(o.level)!;
    l.offers++;
    if (active) {
      l.activeOffers++;
      mask.forEach((v, i) => {
        if (v) l.mask[i] = 1;
      });
    }
    rows.push({ offerId: o.offerId, name: o.name, level: o.level, active, reach: count(mask) });
  }
  return {
    asOf,
    addressable: count(addressable),
    offers: rows,
    levels: LEVELS.map((level) => {
      const l = byLevel.get(level)!;
      return { level, offers: l.offers, activeOffers: l.activeOffers, reach: count(l.mask) };
    }),
  };
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) n += v;
  return n;
}
