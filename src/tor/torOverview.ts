// What `tor show` prints: the TOR, the volume of each offer per priority, and a results snippet.
import type { Store } from '../store/store.ts';
import { getTor, type TorRecord } from '../store/torTable.ts';

export interface OfferVolume {
  offerId: string;
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
  const k = tor.settings.perCustomer;
  const rows = await store.all<{ offer_id: string; priority: number; n: bigint }>(
    `SELECT offer_id, priority, count(*) AS n FROM tor_results WHERE tor_id = ? GROUP BY ALL`, [torId]);
  const volumes: OfferVolume[] = tor.offers.map((offerId) => {
    const v = Array.from({ length: k }, (_, p) => Number(rows.find((r) => r.offer_id === offerId && r.priority === p + 1)?.n ?? 0));
    return { offerId, volumes: v, total: v.reduce((a, b) => a + b, 0) };
  });
  const customers = Number((await store.one<{ n: bigint }>(`SELECT count(DISTINCT customer_id) AS n FROM tor_results WHERE tor_id = ?`, [torId]))?.n ?? 0);
  const sample = (await store.all<{ customer_id: string; priority: number; offer_id: string; score: number; reason: string | null }>(
    `SELECT customer_id, priority, offer_id, score, reason FROM tor_results
     WHERE tor_id = ? AND customer_id IN (SELECT DISTINCT customer_id FROM tor_results WHERE tor_id = ? ORDER BY customer_id LIMIT ?)
     ORDER BY customer_id, priority`, [torId, torId, sampleCustomers]))
    .map((r) => ({ customerId: r.customer_id, priority: r.priority, offerId: r.offer_id, score: r.score, reason: r.reason }));
  return { tor, volumes, sample, customers };
}
