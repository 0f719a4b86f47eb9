// Everything loyalty about one customer in one read: favourite cells (with what the member may
// still edit and scheduled changes), the eligible products to pick from, favourite categories,
// personal offers and individual offers in force at a date.
import type { Store } from '../store/store.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import { cellHistory, currentCells, memberLockUntil, type CellChange } from './favouriteCells.ts';
import { eligibleAt, type EligibleProduct } from './favouriteEligible.ts';
import { isMember } from './loyaltyMembers.ts';
import { getLoyaltySettings, type LoyaltySettings } from './loyaltySettings.ts';

export interface CellView {
  cell: number;
  productId: string | null;
  productName: string | null;
  source: string | null;
  effectiveFrom: Date | null;
  setBy: string | null;
  /** Whether the member may change it themselves at `at`; if not, from when and why. */
  memberMayEdit: boolean;
  memberMayEditFrom: Date | null;
}

export interface LoyaltyView {
  customerId: string;
  at: Date;
  member: boolean;
  settings: LoyaltySettings;
  favourites: CellView[];
  /** Changes dated after `at`, oldest first. */
  scheduled: CellChange[];
  history: CellChange[];
  eligible: { count: number; products: EligibleProduct[] };
  categories: { category: string; validFrom: Date | null; validTo: Date | null }[];
  personalOffers: Record<string, unknown>[];
  individualOffers: Record<string, unknown>[];
}

const inForce = `(valid_from IS NULL OR valid_from <= ?::TIMESTAMP) AND (valid_to IS NULL OR ?::TIMESTAMP <= valid_to)`;

export async function loyaltyView(store: Store, customerId: string, at: Date): Promise<LoyaltyView> {
  const member = await isMember(store, customerId);
  const settings = await getLoyaltySettings(store);
  const d = isoLocal(at);
  const current = new Map((await currentCells(store, customerId, at)).map((c) => [c.cell, c]));
  const history = await cellHistory(store, customerId);
  const names = new Map(
    (
      await store.all<{ product_id: string; name: string | null }>(
        `SELECT product_id, name FROM products WHERE product_id IN (SELECT product_id FROM favourite_cells WHERE customer_id = ?)`,
        [customerId],
      )
    ).map((r) => [r.product_id, r.name]),
  );
  const favourites: CellView[] = [];
  for (let cell = 1; cell <= settings.cells; cell++) {
    const c = current.get(cell);
    const until = memberLockUntil(history, cell, settings.lockDays);
    const locked = until !== null && at < until;
    favourites.push({
      cell,
      productId: c?.productId ?? null,
      productName: c?.productId ? (names.get(c.productId) ?? null) : null,
      source: c?.source ?? null,
      effectiveFrom: c?.effectiveFrom ?? null,
      setBy: c?.setBy ?? null,
      memberMayEdit: member && !locked,
      memberMayEditFrom: member ? (locked ? until : at) : null,
    });
  }
  const categories = (
    await store.all<{ category: string; valid_from: Date | null; valid_to: Date | null }>(
      `SELECT category, valid_from, valid_to FROM favourite_categories WHERE customer_id = ? AND ${inForce} ORDER BY category`,
      [customerId, d, d],
    )
  ).map((r) => ({ category: r.category, validFrom: r.valid_from, validTo: r.valid_to }));
  const personalOffers = await store.all(
    `SELECT offer_id AS "offerId", terms, products, benefit_type AS "benefitType",
      benefit_value AS "benefitValue", valid_from AS "validFrom", valid_to AS "validTo", source
    FROM personal_offers WHERE customer_id = ? AND ${inForce} ORDER BY offer_id`,
    [customerId, d, d],
  );
  const individualOffers = await store.all(
    `SELECT offer_id AS "offerId", name, mechanism, value, valid_from AS "validFrom",
      valid_to AS "validTo" FROM offers WHERE level = 'individual' AND list_contains(customer_ids, ?) AND ${inForce} ORDER BY offer_id`,
    [customerId, d, d],
  );
  return {
    customerId,
    at,
    member,
    settings,
    favourites,
    scheduled: history.filter((h) => h.effectiveFrom > at).reverse(),
    history: history.filter((h) => h.effectiveFrom <= at),
    eligible: member ? await eligibleAt(store, at, 500) : { count: 0, products: [] },
    categories,
    personalOffers,
    individualOffers,
  };
}
