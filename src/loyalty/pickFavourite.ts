// One change of a favourite cell, by the member (through the app, with a service key) or by staff
// (marketer, audited). Every refusal names the field and the reason; nothing is stored then.
import { appendAudit } from '../access/audit.ts';
import { NotFoundError, UserError } from '../domain/errors.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';
import { cellHistory, currentCells, memberLockUntil, type CellChange } from './favouriteCells.ts';
import { isEligible } from './favouriteEligible.ts';
import { checkMember } from './loyaltyMembers.ts';
import { getLoyaltySettings } from './loyaltySettings.ts';
import { dayStart } from './dayStart.ts';
import { wallClockNow } from '../domain/wallClockNow.ts';
import { DAY } from '../math/day.ts';

export interface PickInput {
  customerId: string;
  /** 1-based cell number. */
  cell: number;
  /** null clears the cell. */
  productId: string | null;
  /** Effective date; default now. Members may not date a change before today. */
  from?: Date;
  by: 'member' | 'staff';
  actor: string;
}

const day = (d: Date) => isoLocal(d).slice(0, 10);

export async function pickFavourite(store: Store, p: PickInput): Promise<CellChange> {
  const settings = await getLoyaltySettings(store);
  const now = wallClockNow();
  const from = p.from ?? now;
  if (!Number.isInteger(p.cell) || p.cell < 1 || p.cell > settings.cells) {
    throw new UserError(`cell: ${p.cell} is beyond the ${settings.cells} cells of the programme (use 1 to ${settings.cells})`);
  }
  await checkMember(store, p.customerId);
  if (p.by === 'member' && from < dayStart(now)) {
    throw new UserError(`from: a member's change takes effect today or later, not ${day(from)}`);
  }
  if (p.productId !== null) {
    if (!(await store.one(`SELECT 1 AS x FROM products WHERE product_id = ?`, [p.productId]))) {
      throw new NotFoundError(`product: no product ${p.productId}`);
    }
    if (!(await isEligible(store, p.productId, from))) {
      throw new UserError(
        `product: ${p.productId} is not eligible as a favourite on ${day(from)}` + ' (not on the eligible list for that date)',
      );
    }
    const taken = (await currentCells(store, p.customerId, from)).find((c) => c.productId === p.productId && c.cell !== p.cell);
    if (taken) throw new UserError(`product: ${p.productId} is already in cell ${taken.cell} on ${day(from)}`);
  }
  const history = await cellHistory(store, p.customerId, 10_000);
  if (p.by === 'member') {
    const until = memberLockUntil(history, p.cell, settings.lockDays);
    if (until && from < until) {
      throw new UserError(
        `cell: ${p.cell} was picked by the member from ${day(new Date(until.getTime() - settings.lockDays * DAY))}` +
          ` and is locked until ${day(until)} (${settings.lockDays} days)`,
      );
    }
  }
  const before = (await currentCells(store, p.customerId, from)).find((c) => c.cell === p.cell)?.productId ?? null;
  const row: CellChange = {
    customerId: p.customerId,
    cell: p.cell,
    productId: p.productId,
    effectiveFrom: from,
    setBy: p.actor,
    setAt: now,
    source: p.by,
  };
  await store.transaction(async () => {
    await store.run(`INSERT INTO favourite_cells VALUES (?, ?, ?, ?::TIMESTAMP, ?, ?::TIMESTAMP, ?)`, [
      row.customerId,
      row.cell,
      row.productId,
      isoLocal(from),
      row.setBy,
      isoLocal(now),
      row.source,
    ]);
    if (p.by === 'staff') {
      await appendAudit(store, {
        actor: p.actor,
        role: null,
        action: 'loyalty.favourites.edit',
        target: `${p.customerId}/${p.cell}`,
        outcome: 'ok',
        detail: `cell ${p.cell}: ${before ?? '(empty)'} → ${p.productId ?? '(empty)'} from ${isoLocal(from).slice(0, 16)}`,
      });
    }
  });
  return row;
}
