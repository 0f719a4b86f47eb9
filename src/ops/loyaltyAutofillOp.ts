// loyalty.autofill: fills members' empty (or earlier auto-filled) favourite cells from last month's
// purchases, else from their recommendations, effective from the date.
import { z } from 'zod';
import { autofillFavourites } from '../loyalty/autofillFavourites.ts';
import { wallClockNow } from '../domain/wallClockNow.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const loyaltyAutofillOp = defineOp({
  name: 'loyalty.autofill',
  summary: "Auto-fill members' open favourite cells from the previous month's purchases, else recommendations",
  method: 'POST',
  path: '/v1/loyalty/autofill',
  access: 'write',
  input: z.object({ asOf: dateField('effective date; the month before it is read; default now').optional() }),
  run: (store, i, ctx) => autofillFavourites(store, i.asOf ? parseDateArg(i.asOf) : wallClockNow(), ctx.actor),
});
