// The hierarchy level above a TOR's offers (e.g. department above family), as codes per product.
// The hierarchy is declared in the store (`nextbest config set hierarchy department,family`).
import type { Offer } from '../domain/types.ts';
import { productAttributeCodes, type AttributeCodes } from '../snapshot/productAttribute.ts';
import { getHierarchy } from '../store/meta.ts';
import type { Store } from '../store/store.ts';

/** Codes of the parent level of the offers' (most common) attribute; no parent → all −1, no values. */
export async function parentLevelCodes(store: Store, offers: Offer[], productIds: string[]): Promise<AttributeCodes> {
  const none = { attribute: '', values: [], codes: new Int32Array(productIds.length).fill(-1) };
  const counts = new Map<string, number>();
  for (const o of offers) if (o.scope.kind === 'attribute') counts.set(o.scope.attribute, (counts.get(o.scope.attribute) ?? 0) + 1);
  const attr = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  if (!attr) return none;
  const hierarchy = await getHierarchy(store);
  const level = hierarchy.indexOf(attr);
  if (level <= 0) return none;
  return productAttributeCodes(store, hierarchy[level - 1], productIds);
}
