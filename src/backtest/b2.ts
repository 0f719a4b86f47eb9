// B2 protocol entry points: read the store once (b2Setup), then evaluate any score matrix
// (b2Evaluate). The store read is the only I/O; everything after it is pure.
import type { Store } from '../store/store.ts';
import { interactionsFromStore } from '../snapshot/interactions.ts';
import { productAttributeCodes } from '../snapshot/productAttribute.ts';
import { B2_DEFAULTS, b2SetupFromInteractions, type B2Options, type B2Setup } from './b2SetupFromInteractions.ts';

export { b2Evaluate, type B2Result } from './b2Evaluate.ts';
export type { B2Options, B2Setup } from './b2SetupFromInteractions.ts';

export async function b2Setup(store: Store, opts: B2Options): Promise<B2Setup> {
  const x = await interactionsFromStore(store);
  const attr = await productAttributeCodes(store, opts.attribute ?? B2_DEFAULTS.attribute, x.productIds);
  return b2SetupFromInteractions(x, attr, opts);
}
