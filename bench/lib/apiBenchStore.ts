// The store `bench:api` measures: the demo's data (Online Retail + families, one offer per family,
// a TOR of the top 10 families, 3 offers per customer, computed), product recommendations in the
// table, and a second TOR scored by the propensity model, computed during the "busy" run. Built
// once with the product's own services and reused while it is complete.
import { existsSync } from 'node:fs';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { defaultRecsSettings, recommendProducts } from '../../src/recs/productRecommendations.ts';
import { Store } from '../../src/store/store.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { importOnlineRetail } from './importOnlineRetail.ts';

export interface ApiBenchStore {
  /** The computed TOR the offers reads default to. */
  torId: string;
  /** The propensity TOR computed while the load runs. */
  busyTorId: string;
  /** Customers with purchase history: the ids the load picks from. */
  customerIds: string[];
  /** The 200 best-selling products: what the ingestion bench buys. */
  productIds: string[];
}

async function build(store: Store, log: (s: string) => void): Promise<void> {
  log('building the bench store: importing Online Retail + families…');
  await importOnlineRetail(store, { families: true });
  await offersFromAttribute(store, 'family', { exclude: ['other'] });
  const tor = await createTor(store, {
    name: 'bench: top families',
    auto: { rule: 'top-revenue', count: 10, window: 'all' },
    perCustomer: 3,
  });
  log(`computing ${tor.torId} (affinity baseline)…`);
  await computeTor(store, tor.torId, () => {});
  await createTor(store, { name: 'bench: propensity', offers: tor.offers, perCustomer: 3, model: 'propensity' });
  log('computing product recommendations into the table…');
  await recommendProducts(store, { ...defaultRecsSettings, top: 10 }, { kind: 'table' }, log);
}

export async function apiBenchStore(path: string, log: (s: string) => void): Promise<ApiBenchStore> {
  const fresh = !existsSync(path);
  const store = await Store.open(path);
  try {
    if (fresh) await build(store, log);
    const tors = await store.all<{ tor_id: string; name: string; status: string }>(
      `SELECT tor_id, name, status FROM tors ORDER BY created_at`,
    );
    const torId = tors.find((t) => t.name === 'bench: top families' && (t.status === 'ready' || t.status === 'exported'))?.tor_id;
    const busyTorId = tors.find((t) => t.name === 'bench: propensity')?.tor_id;
    const recs = await store.one(`SELECT 1 FROM information_schema.tables WHERE table_name = 'product_recommendations'`);
    if (!torId || !busyTorId || !recs) throw new Error(`${path} is not a complete bench store (delete it to rebuild)`);
    const customerIds = (
      await store.all<{ id: string }>(`SELECT DISTINCT customer_id AS id FROM order_lines WHERE kind = 'purchase' ORDER BY 1`)
    ).map((r) => r.id);
    const productIds = (
      await store.all<{ id: string }>(
        `SELECT product_id AS id FROM order_lines WHERE kind = 'purchase' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 200`,
      )
    ).map((r) => r.id);
    return { torId, busyTorId, customerIds, productIds };
  } finally {
    store.close();
  }
}
