// The small, world-level files (products and offers) as header-less CSV parts.
import { BatchWriter } from './batchWriter.ts';
import type { World } from './worldFromOptions.ts';

export async function writeCatalogFiles(
  world: World,
  paths: { products: string; offers: string },
): Promise<{ products: number; offers: number }> {
  const { catalog, plan, dayStr } = world;
  const products = new BatchWriter(paths.products);
  for (let p = 0; p < catalog.productIds.length; p++) {
    const c = catalog.categories[catalog.productCategory[p]];
    products.write(
      `${catalog.productIds[p]},${catalog.productNames[p]},${catalog.price[p]},${c.department},${c.name},${catalog.brandNames[catalog.productBrand[p]]}\n`,
    );
    if (products.full) await products.flush();
  }
  await products.close();
  const offers = new BatchWriter(paths.offers);
  for (const o of plan.offers) {
    offers.write(
      `${o.offerId},${o.name},${o.scopeAttribute},${o.scopeValue},${o.mechanism},${o.value ?? ''},` +
        `${dayStr[o.fromDay]} 00:00:00,${dayStr[o.toDay - 1]} 23:59:59,${o.membersOnly ? 'members' : 'all'}\n`,
    );
  }
  await offers.close();
  return { products: catalog.productIds.length, offers: plan.offers.length };
}
