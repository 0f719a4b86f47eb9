// offers.list: offers matching a search/type, with scope revenue, orders and buyers over a window.
import { z } from 'zod';
import { offerList } from '../offers/offerList.ts';
import { windowDaysFromArg } from '../offers/offerRevenue.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';
import { windowField } from './windowField.ts';

export const offersListOp = defineOp({
  name: 'offers.list',
  summary: 'Offers (search by id/name/scope, filter by attribute type) with revenue, orders and buyers of their scope over a window',
  method: 'GET',
  path: '/v1/offers',
  access: 'read',
  input: z.object({
    search: z.string().optional().describe('case-insensitive text in the id, name or scope'),
    type: z.string().optional().describe('only offers scoped on this product attribute, e.g. family'),
    window: windowField('30d'),
    asOf: dateField('end of the window; default midnight after the latest order line').optional(),
  }),
  run: (store, i) =>
    offerList(store, {
      search: i.search,
      type: i.type,
      windowDays: windowDaysFromArg(i.window),
      asOf: i.asOf ? parseDateArg(i.asOf) : null,
    }),
});
