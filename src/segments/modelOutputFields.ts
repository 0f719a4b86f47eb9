// "AI attributes": audience fields read from what the models stored — the product recommendations
// written by `recommend` (table product_recommendations) and the latest TOR results (tor_scores /
// tor_results). They are what is stored now, whatever the as-of date. Each used field becomes one
// LEFT JOIN of a GROUP BY over its table; a field nothing stored can answer is a UserError that
// says what to run.
import { UserError } from '../domain/errors.ts';
import type { AudienceField, AudienceFieldRef } from '../audience/audienceTypes.ts';
import { audienceColumnName } from '../audience/audienceTypes.ts';
import { RECS_TABLE } from '../recs/recsOutput.ts';
import { quoteIdent, quoteLiteral, type Store } from '../store/store.ts';

const PRODUCT_BASE = new Set(['product_id', 'name', 'price']);

async function productAttributes(store: Store): Promise<string[]> {
  const cols = await store.all<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
     WHERE table_name = 'products' AND table_schema = 'main' ORDER BY ordinal_position`,
  );
  return cols.map((c) => c.name).filter((c) => !PRODUCT_BASE.has(c));
}

/** The model-output fields: top_recommended_product, top_recommended_<attribute> per product attribute, ranks, top_offer. */
export async function modelOutputFields(store: Store): Promise<AudienceField[]> {
  return [
    { name: 'top_recommended_product', type: 'string' },
    ...(await productAttributes(store)).map((a): AudienceField => ({ name: `top_recommended_${a}`, type: 'string' })),
    { name: 'product_rank', type: 'number', takesArg: { example: "product_rank('p1') or product_rank('family=candles')" } },
    { name: 'offer_rank', type: 'number', takesArg: { example: "offer_rank('family=bags')" } },
    { name: 'top_offer', type: 'string' },
  ];
}

async function tableExists(store: Store, table: string): Promise<boolean> {
  return !!(await store.one(`SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'`, [table]));
}

/** The latest TOR with stored results (scores for `offerId` when given), or null. */
async function latestTor(store: Store, offerId?: string): Promise<{ tor_id: string; scored: boolean } | null> {
  const offer = (t: string) => (offerId === undefined ? '' : `AND ${t}.offer_id = ${quoteLiteral(offerId)}`);
  const row = await store.one<{ tor_id: string; scored: boolean }>(
    `SELECT t.tor_id, EXISTS (SELECT 1 FROM tor_scores s WHERE s.tor_id = t.tor_id ${offer('s')}) AS scored FROM tors t
     WHERE EXISTS (SELECT 1 FROM tor_results r WHERE r.tor_id = t.tor_id ${offer('r')})
        OR EXISTS (SELECT 1 FROM tor_scores s WHERE s.tor_id = t.tor_id ${offer('s')})
     ORDER BY t.computed_at DESC NULLS LAST, t.tor_id LIMIT 1`,
  );
  return row ?? null;
}

/** SELECT customer_id, v for one model-output ref, or null when `ref` is not a model output. */
async function refSql(store: Store, ref: AudienceFieldRef, attrs: string[]): Promise<string | null> {
  const shown = ref.arg === undefined ? ref.name : `${ref.name}('${ref.arg}')`;
  const needRecs = async () => {
    if (!(await tableExists(store, RECS_TABLE))) {
      throw new UserError(
        `${shown} at column ${ref.col} reads stored product recommendations, but there are none: run nextbest recommend first`,
      );
    }
  };
  const recs = `${RECS_TABLE} r`;
  if (ref.name === 'top_recommended_product') {
    await needRecs();
    return `SELECT r.user_unique_id AS customer_id, arg_min(r.recommended_item_id, r.ranking) AS v FROM ${recs} GROUP BY 1`;
  }
  const attr = ref.name.startsWith('top_recommended_') ? ref.name.slice('top_recommended_'.length) : null;
  if (attr !== null && attrs.includes(attr)) {
    await needRecs();
    const col = `p.${quoteIdent(attr)}::VARCHAR`;
    return `SELECT r.user_unique_id AS customer_id, arg_min(${col}, r.ranking) FILTER (WHERE ${col} IS NOT NULL) AS v
      FROM ${recs} JOIN products p ON p.product_id = r.recommended_item_id GROUP BY 1`;
  }
  if (ref.name === 'product_rank') {
    await needRecs();
    const arg = ref.arg ?? '';
    const eq = arg.indexOf('=');
    if (eq < 0) {
      return `SELECT r.user_unique_id AS customer_id, min(r.ranking)::DOUBLE AS v FROM ${recs}
        WHERE r.recommended_item_id = ${quoteLiteral(arg)} GROUP BY 1`;
    }
    const [a, value] = [arg.slice(0, eq).trim(), arg.slice(eq + 1).trim()];
    if (!attrs.includes(a)) {
      throw new UserError(`${shown} at column ${ref.col}: products have no attribute '${a}' (known: ${attrs.join(', ') || 'none'})`);
    }
    return `SELECT r.user_unique_id AS customer_id, min(r.ranking)::DOUBLE AS v FROM ${recs}
      JOIN products p ON p.product_id = r.recommended_item_id WHERE p.${quoteIdent(a)}::VARCHAR = ${quoteLiteral(value)} GROUP BY 1`;
  }
  if (ref.name === 'offer_rank') {
    const offer = ref.arg ?? '';
    const tor = await latestTor(store, offer);
    if (!tor) {
      throw new UserError(`${shown} at column ${ref.col}: no computed TOR ranks offer '${offer}'; compute a TOR that includes it first`);
    }
    return tor.scored
      ? `SELECT customer_id, min(rank)::DOUBLE AS v FROM tor_scores WHERE tor_id = ${quoteLiteral(tor.tor_id)}
          AND offer_id = ${quoteLiteral(offer)} GROUP BY 1`
      : `SELECT customer_id, min(priority)::DOUBLE AS v FROM tor_results WHERE tor_id = ${quoteLiteral(tor.tor_id)}
          AND offer_id = ${quoteLiteral(offer)} GROUP BY 1`;
  }
  if (ref.name === 'top_offer') {
    const tor = await latestTor(store);
    if (!tor) {
      throw new UserError(`${shown} at column ${ref.col} reads TOR results, but no TOR has been computed: run nextbest tor compute first`);
    }
    const hasResults = await store.one(`SELECT 1 FROM tor_results WHERE tor_id = ? LIMIT 1`, [tor.tor_id]);
    return hasResults
      ? `SELECT customer_id, arg_min(offer_id, priority) AS v FROM tor_results WHERE tor_id = ${quoteLiteral(tor.tor_id)} GROUP BY 1`
      : `SELECT customer_id, arg_min(offer_id, rank) AS v FROM tor_scores WHERE tor_id = ${quoteLiteral(tor.tor_id)} GROUP BY 1`;
  }
  return null;
}

/**
 * `relation` (aliased f, with a customer_id column) extended by one column per distinct model-output
 * ref, named as audienceSql reads it (audienceColumnName). Other refs are left to `relation`.
 */
export async function withModelOutputs(store: Store, relation: string, refs: readonly AudienceFieldRef[]): Promise<string> {
  const attrs = await productAttributes(store);
  const seen = new Set<string>();
  const cols: string[] = [];
  const joins: string[] = [];
  for (const ref of refs) {
    const name = audienceColumnName(ref);
    if (seen.has(name)) continue;
    seen.add(name);
    const sql = await refSql(store, ref, attrs);
    if (sql === null) continue;
    const alias = `m${joins.length}`;
    cols.push(`${alias}.v AS ${quoteIdent(name)}`);
    joins.push(`LEFT JOIN (${sql}) ${alias} ON ${alias}.customer_id = f.customer_id`);
  }
  if (!joins.length) return relation;
  return `SELECT f.*, ${cols.join(', ')} FROM (${relation}) f ${joins.join(' ')}`;
}
