// Offers whose scope holds no product: accepted (the catalogue may arrive later), but never silently —
// a TOR would score such an offer 0 for every customer. The import summary lists them as warnings.
import { quoteIdent, quoteLiteral, type Store } from '../store/store.ts';

/** One warning per offer of the final import table whose scope matches no stored product (first `limit`, then a count). */
export async function emptyScopeWarnings(store: Store, final: string, limit = 10): Promise<string[]> {
  const t = quoteIdent(final);
  const attrs = await store.all<{ a: string }>(
    `SELECT DISTINCT scope_attribute AS a FROM ${t} WHERE scope_attribute IS NOT NULL ORDER BY 1`,
  );
  const parts = attrs.map(
    ({ a }) => `SELECT __line, offer_id, 'scope ' || scope_attribute || ' = ''' || scope_value || '''' AS scope FROM ${t} f
      WHERE f.scope_attribute = ${quoteLiteral(a)}
        AND NOT EXISTS (SELECT 1 FROM products p WHERE p.${quoteIdent(a)}::VARCHAR = f.scope_value)`,
  );
  parts.push(`SELECT __line, offer_id, 'scope_products ' || array_to_string(scope_products, '|') AS scope FROM ${t} f
    WHERE f.scope_attribute IS NULL AND len(coalesce(f.scope_products, [])) > 0
      AND NOT EXISTS (SELECT 1 FROM products p WHERE list_contains(f.scope_products, p.product_id))`);
  const rows = await store.all<{ line: bigint; offer_id: string; scope: string }>(
    `SELECT __line AS line, offer_id, scope FROM (${parts.join('\nUNION ALL\n')}) ORDER BY __line`,
  );
  const out = rows
    .slice(0, limit)
    .map((r) => `line ${r.line}: offer ${r.offer_id} (${r.scope}) matches no product: a TOR scores it 0 for everyone until products match`);
  if (rows.length > limit) out.push(`… and ${rows.length - limit} more offer(s) matching no product`);
  return out;
}
