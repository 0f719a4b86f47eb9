// The tiny retail store with loyalty membership: every customer is a member unless listed.
import type { Store } from '../../src/store/store.ts';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';

export async function memberStore(nonMembers: string[] = []): Promise<Store> {
  const s = await tinyRetailStore();
  await s.run(`ALTER TABLE customers ADD COLUMN is_member BOOLEAN`);
  await s.run(`UPDATE customers SET is_member = NOT list_contains(?::VARCHAR[], customer_id)`, [JSON.stringify(nonMembers)]);
  return s;
}
