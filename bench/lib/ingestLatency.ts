// Real-time ingestion as an app sees it: POST one purchase, then read the customer's
// recommendations and check they carry the refresh. The figure is ingest → updated list
// (POST round trip + the confirming read), sequential, for `count` random customers.
import { apiFetch } from '../../src/client/apiClient.ts';

export interface IngestFigures {
  count: number;
  p50: number;
  p95: number;
  max: number;
  refreshed: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function ingestLatency(o: {
  url: string;
  key: string;
  customerIds: string[];
  productIds: string[];
  count: number;
}): Promise<IngestFigures> {
  const t = { url: o.url, token: o.key };
  const ms: number[] = [];
  let refreshed = 0;
  for (let i = 0; i < o.count; i++) {
    const customerId = o.customerIds[Math.floor(Math.random() * o.customerIds.length)];
    const productId = o.productIds[Math.floor(Math.random() * o.productIds.length)];
    const t0 = performance.now();
    const res = await apiFetch(t, 'POST', '/v1/order-lines', { lines: [{ customerId, productId, quantity: 1 }] });
    if (!res.ok) throw new Error(`POST /v1/order-lines: ${res.status} ${await res.text()}`);
    const out = (await res.json()) as { customers: { recommendations: { product_id: string }[] }[] };
    const read = await apiFetch(t, 'GET', `/v1/customers/${encodeURIComponent(customerId)}/recommendations`);
    const list = ((await read.json()) as { recommendations: { recommended_item_id: string }[] }).recommendations;
    ms.push(performance.now() - t0);
    const expected = out.customers[0]?.recommendations.map((r) => r.product_id) ?? [];
    if (expected.length && expected.join() === list.map((r) => r.recommended_item_id).join()) refreshed++;
  }
  ms.sort((a, b) => a - b);
  return { count: o.count, p50: percentile(ms, 50), p95: percentile(ms, 95), max: ms[ms.length - 1], refreshed };
}
