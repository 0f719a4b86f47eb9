// The loyalty programme's settings, kept in meta: how many favourite cells a member has, whether
// empty cells are auto-filled, and how long a member's own pick stays locked before they may change it.
import { UserError } from '../domain/errors.ts';
import { getMeta, setMeta } from '../store/meta.ts';
import type { Store } from '../store/store.ts';

export interface LoyaltySettings {
  /** Favourite-product cells per member. */
  cells: number;
  /** Empty cells are filled by `loyalty autofill` from last month's purchases, else recommendations. */
  autofill: boolean;
  /** Days a member's own pick of a cell is locked for the member (staff may still edit it). */
  lockDays: number;
}

export const DEFAULT_LOYALTY_SETTINGS: LoyaltySettings = { cells: 3, autofill: true, lockDays: 30 };
export const MAX_CELLS = 50;
const KEY = 'loyalty_settings';

export async function getLoyaltySettings(store: Store): Promise<LoyaltySettings> {
  return { ...DEFAULT_LOYALTY_SETTINGS, ...((await getMeta<Partial<LoyaltySettings>>(store, KEY)) ?? {}) };
}

/** Changes some settings; fewer cells than before keeps the history but shows only the first cells. */
export async function setLoyaltySettings(store: Store, change: Partial<LoyaltySettings>): Promise<LoyaltySettings> {
  const next = { ...(await getLoyaltySettings(store)), ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
  if (!Number.isInteger(next.cells) || next.cells < 1 || next.cells > MAX_CELLS) {
    throw new UserError(`cells must be a whole number from 1 to ${MAX_CELLS}, got ${next.cells}`);
  }
  if (!Number.isInteger(next.lockDays) || next.lockDays < 0 || next.lockDays > 366) {
    throw new UserError(`lockDays must be a whole number from 0 to 366, got ${next.lockDays}`);
  }
  await setMeta(store, KEY, next);
  return next;
}
