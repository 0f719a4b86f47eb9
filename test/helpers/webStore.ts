// A small store for the dashboard's browser tests (and for trying the dashboard by hand): a
// generated retail world imported through the product's own services, a product hierarchy, one
// offer per category, a dashboard user of each role; optionally products members may pick as
// favourites (loyalty). Run directly to build one at a path:
//   node --import tsx test/helpers/webStore.ts /tmp/dash.duckdb
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createUser } from '../../src/access/users.ts';
import { setStoreSetting } from '../../src/data/storeSettings.ts';
import { generateWorld } from '../../src/generate/generateWorld.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { loadLoyaltyFile } from '../../src/loyalty/loadLoyaltyFile.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { Store } from '../../src/store/store.ts';

export const WEB_USERS = {
  admin: { username: 'ada', password: 'admin-pass-1', role: 'admin' },
  marketer: { username: 'mia', password: 'marketer-pass-1', role: 'marketer' },
  viewer: { username: 'vic', password: 'viewer-pass-1', role: 'viewer' },
} as const;

export async function buildWebStore(
  db: string,
  opts: { customers?: number; products?: number; seed?: number; eligibleFavourites?: number } = {},
): Promise<void> {
  const world = mkdtempSync(join(tmpdir(), 'nb-web-world-'));
  try {
    await generateWorld({
      customers: opts.customers ?? 2000,
      products: opts.products ?? 240,
      months: 14,
      seed: opts.seed ?? 7,
      start: '2023-01-01',
      out: world,
    });
    const store = await Store.open(db);
    try {
      for (const t of ['customers', 'products', 'order_lines', 'events'] as const) {
        await importFile(store, { table: t, file: join(world, `${t}.csv`) });
      }
      await setStoreSetting(store, 'hierarchy', 'department,category');
      await offersFromAttribute(store, 'category');
      for (const u of Object.values(WEB_USERS)) await createUser(store, u);
      if (opts.eligibleFavourites) {
        // The first products by id may be picked as favourites from the start of the history on.
        const ids = await store.all<{ product_id: string }>(`SELECT product_id FROM products ORDER BY product_id LIMIT ?`, [
          opts.eligibleFavourites,
        ]);
        const file = join(world, 'eligible.csv');
        writeFileSync(file, ['product_id,valid_from', ...ids.map((r) => `${r.product_id},2023-01-01`)].join('\n') + '\n');
        await loadLoyaltyFile(store, { kind: 'eligible', file });
      }
    } finally {
      store.close();
    }
  } finally {
    rmSync(world, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const db = resolve(process.argv[2] ?? 'dash.duckdb');
  await buildWebStore(db, { customers: Number(process.argv[3] ?? 2000) });
  process.stdout.write(`built ${db}\n`);
}
