// Consent per channel (docs/privacy.md): a customers attribute `consent_<channel>` (e.g. consent_email,
// imported like any attribute). When a campaign names a channel and the store has that column, only
// customers whose value is true may be contacted: false, NULL (never asked) and unreadable values are
// excluded. Without the column, nothing is known and nobody is excluded (the import summary and
// docs say how to add it).
import { CHANNEL } from '../domain/channel.ts';
import { UserError } from '../domain/errors.ts';
import { quoteIdent, type Store } from '../store/store.ts';

export { CHANNEL };

/** The consent column of a channel, or null when the customers table has none. */
export async function consentColumn(store: Store, channel: string): Promise<string | null> {
  if (!CHANNEL.test(channel)) throw new UserError(`channel '${channel}': use lower-case letters, digits and _ (e.g. email, sms, push)`);
  const name = `consent_${channel}`;
  const col = await store.one(`SELECT 1 FROM information_schema.columns WHERE table_name = 'customers' AND column_name = ?`, [name]);
  return col ? name : null;
}

/** Ids of customers who may not be contacted on `channel`. */
export async function customersWithoutConsent(store: Store, channel: string): Promise<string[]> {
  const col = await consentColumn(store, channel);
  if (!col) return [];
  const r = await store.columns(`SELECT customer_id FROM customers WHERE NOT coalesce(TRY_CAST(${quoteIdent(col)} AS BOOLEAN), false)`, {
    customer_id: 'str',
  });
  return r.customer_id;
}
