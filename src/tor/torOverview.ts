// What `tor show` prints: the TOR, the volume of each offer per priority, and a results snippet.
import type { Store } from '../store/store.ts';
import { getTor, type TorRecord } from '../store/torTable.ts';

export interface OfferVolume {
  offerId: string;
  /** The offer's name; null when it was deleted from the catalogue. */
  name: string | null;
  /** volumes[p-1] = customers who get this offer at priority p. */
  volumes: number[];
  total: number;
}

export interface TorOverview {
  tor: TorRecord;
  volumes: OfferVolume[];
  sample: { customerId: string; priority: number; offerId: string; score: number; reason: string | null }[];
  customers: number;
}

export async function torOverview(store: Store, torId: string, sampleCustomers = 3): Promise<TorOverview> {
  const tor = await getTor(store, torId);
  const rows = await store.all<{ offer_id: string; priority: number; n: bigint }>(
    `SELECT offer_id, priority, count(*) AS n FROM tor_results WHERE tor_id = ? GROUP BY ALL`,
    [torId],
  );
  // After an edit the stored (stale) result may hold other offers or more priorities than the
  // definition: they are listed too, so the volumes always add up to the stored result.
  const k = Math.max(tor.settings.perCustomer, ...rows.map((r) => r.priority));
  const extra = [...new Set(rows.map((r) => r.offer_id))].filter((id) => !tor.offers.includes(id)).sort();
  const offerIds = [...tor.offers, ...extra];
  const catalogue = await store.all<{ offer_id: string; name: string }>(`SELECT offer_id, name FROM offers`);
  const names = new Map(catalogue.map((o) => [o.offer_id, o.name]));
  const volumes: OfferVolume[] = offerIds.map((offerId) => {
    const v = Array.from({ length: k }, (_, p) => Number(rows.find((r) => r.offer_id === offerId && r.priority === p + 1)?.n ?? 0));
    return { offerId, name: names.get(offerId) ?? null, volumes: v, total: v.reduce((a, b) => a + b, 0) };
  });
  const customers = Number(
    (await store.one<{ n: bigint }>(`SELECT count(DISTINCT customer_id) AS n FROM tor_results WHERE tor_id = ?`, [torId]))?.n ?? 0,
  );
  const sample = (
    await store.all<{ customer_id: string; priority: number; offer_id: string; score: number; reason: string | null }>(
      `SELECT customer_id, priority, offer_id, score, reason FROM tor_results
     WHERE tor_id = ? AND customer_id IN (SELECT DISTINCT customer_id FROM tor_results WHERE tor_id = ? ORDER BY customer_id LIMIT ?)
     ORDER BY customer_id, priority`,
      [torId, torId, sampleCustomers],
    )
  ).map((r) => ({ customerId: r.customer_id, priority: r.priority, offerId: r.offer_id, score: r.score, reason: r.reason }));
  return { tor, volumes, sample, customers };
}
