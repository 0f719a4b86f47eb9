// loyalty.favourites: a member's favourite cells at a date, scheduled changes and the history.
import { z } from 'zod';
import { loyaltyView } from '../loyalty/loyaltyView.ts';
import { wallClockNow } from '../domain/wallClockNow.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const loyaltyFavouritesOp = defineOp({
  name: 'loyalty.favourites',
  summary: "A member's favourite-product cells at a date (default now), what the member may edit, scheduled changes, history",
  method: 'GET',
  path: '/v1/customers/:id/favourites',
  access: 'realtime',
  input: z.object({
    id: z.string().min(1).describe('customer id'),
    at: dateField('the date the cells are shown for; default now').optional(),
  }),
  run: async (store, i) => {
    const v = await loyaltyView(store, i.id, i.at ? parseDateArg(i.at) : wallClockNow());
    return { customerId: v.customerId, at: v.at, member: v.member, favourites: v.favourites, scheduled: v.scheduled, history: v.history };
  },
});
