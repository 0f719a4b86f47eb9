// Creates or edits one offer with its level: all customers, members only, an audience expression,
// or individual customers. Fields left out of an edit keep their stored value. Every check names
// the field (and, for a customers file, the file and line); nothing is stored when one fails.
import { InputError, UserError, type RowProblem } from '../domain/errors.ts';
import type { Offer, OfferLevel, OfferMechanism, OfferScope } from '../domain/types.ts';
import { listOffers, upsertOffers } from '../store/offerTable.ts';
import { quoteIdent, type Store } from '../store/store.ts';
import { defaultAsOf } from '../snapshot/interactions.ts';
import { countAudience } from '../tor/audienceForTor.ts';
import type { IdLines } from './customerIdsFromFile.ts';

export interface OfferChange {
  offerId: string;
  name?: string;
  /** 'attribute=value' (a hierarchy node) … */
  scope?: string;
  /** … or an explicit product list. */
  products?: string[];
  mechanism?: OfferMechanism;
  value?: number | null;
  validFrom?: Date | null;
  validTo?: Date | null;
  level?: OfferLevel;
  audience?: string | null;
  /** Level individual: the customers, with the file and lines they came from when read from a file. */
  customers?: IdLines & { file?: string };
  cost?: number | null;
}

export async function saveOffer(store: Store, c: OfferChange): Promise<{ offer: Offer; created: boolean }> {
  const old = (await listOffers(store)).find((o) => o.offerId === c.offerId);
  const scope = (await scopeFromChange(store, c)) ?? old?.scope;
  if (!scope) throw new UserError(`scope: a new offer needs a scope (attribute=value) or products`);
  const name = c.name ?? old?.name;
  if (!name) throw new UserError('name: a new offer needs a name');
  const level = c.level ?? old?.level ?? 'all';
  const audience = level === 'audience' ? (c.audience !== undefined ? c.audience : (old?.audience ?? null)) : null;
  let customerIds = level === 'individual' ? (old?.customerIds ?? null) : null;
  if (level === 'audience') {
    if (!audience) throw new UserError('audience: level audience needs an audience expression');
    // Throws naming the column of a mistake in the expression.
    await countAudience(store, audience, (await defaultAsOf(store)) ?? new Date());
  } else if (c.audience) {
    throw new UserError(`audience: only level audience takes an audience expression (level is ${level})`);
  }
  if (level === 'individual') {
    if (c.customers) customerIds = await checkedCustomers(store, c.customers);
    if (!customerIds?.length) throw new UserError('customers: level individual needs the customers it is for (a file of customer ids)');
  } else if (c.customers) {
    throw new UserError(`customers: only level individual takes a customer list (level is ${level})`);
  }
  const offer: Offer = {
    offerId: c.offerId,
    name,
    scope,
    level,
    audience,
    customerIds,
    mechanism: c.mechanism ?? old?.mechanism ?? 'other',
    value: c.value !== undefined ? c.value : (old?.value ?? null),
    validFrom: c.validFrom !== undefined ? c.validFrom : (old?.validFrom ?? null),
    validTo: c.validTo !== undefined ? c.validTo : (old?.validTo ?? null),
    cost: c.cost !== undefined ? c.cost : (old?.cost ?? null),
  };
  if (offer.validFrom && offer.validTo && offer.validTo < offer.validFrom) throw new UserError('validTo: is before validFrom');
  if (offer.cost !== null && (offer.cost < 0 || offer.cost > 1)) {
    throw new UserError(`cost: a share of revenue from 0 to 1, got ${offer.cost}`);
  }
  await store.transaction(() => upsertOffers(store, [offer]));
  return { offer, created: !old };
}

/** The new scope the change asks for, checked against the products; undefined = unchanged. */
async function scopeFromChange(store: Store, c: OfferChange): Promise<OfferScope | undefined> {
  if (c.scope !== undefined && c.products !== undefined) {
    throw new UserError('scope: give either scope (attribute=value) or products, not both');
  }
  if (c.scope !== undefined) {
    const m = /^([^=]+)=(.+)$/.exec(c.scope);
    if (!m) throw new UserError(`scope: use attribute=value (e.g. family=candles), got '${c.scope}'`);
    const [attribute, value] = [m[1].trim(), m[2].trim()];
    const col = await store.one(`SELECT 1 AS x FROM information_schema.columns WHERE table_name = 'products' AND column_name = ?`, [
      attribute,
    ]);
    if (!col) throw new UserError(`scope: products have no attribute '${attribute}'`);
    const n = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM products WHERE ${quoteIdent(attribute)}::VARCHAR = ?`, [value]);
    if (!Number(n!.n)) throw new UserError(`scope: no product has ${attribute} = '${value}'`);
    return { kind: 'attribute', attribute, value };
  }
  if (c.products === undefined) return undefined;
  if (!c.products.length) throw new UserError('products: give at least one product id');
  const missing = await unknownIds(store, 'products', 'product_id', c.products);
  if (missing.length) {
    throw new UserError(`products: unknown product(s) ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ' …' : ''}`);
  }
  return { kind: 'products', productIds: c.products };
}

async function unknownIds(store: Store, table: 'products' | 'customers', col: string, ids: string[]): Promise<string[]> {
  const known = new Set(
    (
      await store.all<{ id: string }>(`SELECT ${col} AS id FROM ${table} WHERE list_contains(?::VARCHAR[], ${col})`, [JSON.stringify(ids)])
    ).map((r) => r.id),
  );
  return ids.filter((id) => !known.has(id));
}

async function checkedCustomers(store: Store, c: IdLines & { file?: string }): Promise<string[]> {
  const unknown = new Set(await unknownIds(store, 'customers', 'customer_id', c.ids));
  const file = c.file ?? 'customers';
  const problems: RowProblem[] = [];
  c.ids.forEach((id, i) => {
    if (unknown.has(id)) problems.push({ file, line: c.lines[i], column: 'customer_id', reason: `unknown customer '${id}'` });
  });
  if (problems.length) {
    throw new InputError(problems.slice(0, 20), problems.length, `${file}: ${problems.length} unknown customer(s); nothing was written`);
  }
  return [...new Set(c.ids)];
}
