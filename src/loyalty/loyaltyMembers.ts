// Who is a loyalty member: customers whose `is_member` attribute is true — the same rule as the
// members-only offer level in tor/eligibilityFromStore.ts, so a store without that column has no members.
import { NotFoundError, UserError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';

/** SQL condition over `customers` aliased `alias` that holds for members. */
export async function memberCondition(store: Store, alias = 'c'): Promise<string> {
  const col = await store.one(`SELECT 1 AS x FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'is_member'`);
  return col ? `coalesce(TRY_CAST(${alias}.is_member AS BOOLEAN), false)` : 'false';
}

/** Whether the customer is a member; an unknown customer is a 404. */
export async function isMember(store: Store, customerId: string): Promise<boolean> {
  const cond = await memberCondition(store);
  const row = await store.one<{ m: boolean }>(`SELECT ${cond} AS m FROM customers c WHERE c.customer_id = ?`, [customerId]);
  if (!row) throw new NotFoundError(`no customer ${customerId}`);
  return Boolean(row.m);
}

/** Refuses a customer who is not a member, naming why. */
export async function checkMember(store: Store, customerId: string): Promise<void> {
  if (!(await isMember(store, customerId))) {
    const col = (await memberCondition(store)) !== 'false';
    throw new UserError(
      `customer ${customerId} is not a loyalty member (${
        col ? 'customers.is_member is not true' : 'no customer is: import customers with an is_member column'
      })`,
    );
  }
}
