// Benchmarks load the shipped Online Retail data the way a user does: the product's own import
// with the 'online-retail' recipe (clean purchase lines as in BENCHMARKS.md, returns linked) and,
// for B2, the 'families' recipe (products.department, products.family).
import { fileURLToPath } from 'node:url';
import { importFile } from '../../src/ingest/importFile.ts';
import type { Store } from '../../src/store/store.ts';

const dir = fileURLToPath(new URL('../../data/online-retail/', import.meta.url));

export async function importOnlineRetail(
  store: Store,
  opts: { families: boolean },
): Promise<{ lines: number; customers: number; how: string }> {
  await importFile(store, { recipe: 'online-retail', file: `${dir}online_retail.csv.gz` });
  if (opts.families) await importFile(store, { recipe: 'families', file: `${dir}families.csv.gz` });
  const r = await store.one<{ n: bigint; c: bigint }>(
    `SELECT count(*) AS n, count(DISTINCT customer_id) AS c FROM order_lines WHERE kind = 'purchase'`,
  );
  return {
    lines: Number(r!.n),
    customers: Number(r!.c),
    how: `importFile(recipe online-retail${opts.families ? ' + families' : ''}, data/online-retail)`,
  };
}
