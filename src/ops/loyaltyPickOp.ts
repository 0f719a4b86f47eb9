// loyalty.pick: a member picks (or clears) a favourite cell, as a mobile app or site does with a
// service key. Refused with the reason: cell beyond the programme's count, product not eligible on
// the date, already in another cell, cell still locked by the member's own earlier pick, past date.
import { z } from 'zod';
import { pickFavourite } from '../loyalty/pickFavourite.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const loyaltyPickOp = defineOp({
  name: 'loyalty.pick',
  summary: 'A member picks a favourite product for a cell (or clears it), effective from a date (default now)',
  method: 'POST',
  path: '/v1/customers/:id/favourites',
  access: 'ingest',
  input: z.object({
    id: z.string().min(1).describe('customer id (the member)'),
    cell: z.number().int().describe('cell number, from 1'),
    productId: z.string().min(1).nullable().describe('an eligible product, or null to clear the cell'),
    from: dateField('effective date, today or later; default now').optional(),
  }),
  run: (store, i, ctx) =>
    pickFavourite(store, {
      customerId: i.id,
      cell: i.cell,
      productId: i.productId,
      from: i.from ? parseDateArg(i.from) : undefined,
      by: 'member',
      actor: ctx.actor,
    }),
});
