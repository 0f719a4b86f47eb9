// One product attribute as codes over the product dictionary: codes[p] = index into values, or -1.
import { quoteIdent, type Store } from '../store/store.ts';

export interface AttributeCodes {
  attribute: string;
  values: string[];
  codes: Int32Array;
}

export async function productAttributeCodes(store: Store, attribute: string, productIds: string[]): Promise<AttributeCodes> {
  const cols = await store.all<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'products'`,
  );
  if (!cols.some((c) => c.name === attribute)) {
    throw new Error(`products have no attribute '${attribute}' (known: ${cols.map((c) => c.name).join(', ')})`);
  }
  const rows = await store.columns(
    `SELECT product_id, ${quoteIdent(attribute)}::VARCHAR AS v FROM products WHERE ${quoteIdent(attribute)} IS NOT NULL`,
    { product_id: 'str', v: 'str' },
  );
  const index = new Map(productIds.map((id, i) => [id, i]));
  const valueIndex = new Map<string, number>();
  const codes = new Int32Array(productIds.length).fill(-1);
  for (let r = 0; r < rows.product_id.length; r++) {
    const p = index.get(rows.product_id[r]);
    if (p === undefined) continue;
    let c = valueIndex.get(rows.v[r]);
    if (c === undefined) {
      c = valueIndex.size;
      valueIndex.set(rows.v[r], c);
    }
    codes[p] = c;
  }
  return { attribute, values: [...valueIndex.keys()], codes };
}
