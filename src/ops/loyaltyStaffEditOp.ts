// loyalty.edit: staff (marketer) set or clear a member's favourite cell — not bound by the member's
// lock, may date the change in the past — and each edit is written to the audit log with before/after.
import { z } from 'zod';
import { pickFavourite } from '../loyalty/pickFavourite.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const loyaltyStaffEditOp = defineOp({
  name: 'loyalty.edit',
  summary: "Staff edit of a member's favourite cell (audited), effective from a date (default now)",
  method: 'PUT',
  path: '/v1/customers/:id/favourites/:cell',
  access: 'write',
  input: z.object({
    id: z.string().min(1).describe('customer id'),
    cell: z.coerce.number().int().describe('cell number, from 1'),
    productId: z.string().min(1).nullable().describe('an eligible product, or null to clear the cell'),
    from: dateField('effective date; default now').optional(),
  }),
  run: (store, i, ctx) =>
    pickFavourite(store, {
      customerId: i.id,
      cell: i.cell,
      productId: i.productId,
      from: i.from ? parseDateArg(i.from) : undefined,
      by: 'staff',
      actor: ctx.actor,
    }),
});
