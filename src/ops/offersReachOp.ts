// offers.reach: how many customers each offer and each level (all, members, audience, individual) can reach.
import { z } from 'zod';
import { UserError } from '../domain/errors.ts';
import { offerReach } from '../offers/offerReach.ts';
import { defaultAsOf, parseDateArg } from '../snapshot/interactions.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const offersReachOp = defineOp({
  name: 'offers.reach',
  summary: 'Reach of each offer and each offer level as of a date: customers it may go to under its level',
  method: 'GET',
  path: '/v1/offers/reach',
  access: 'read',
  input: z.object({ asOf: dateField('as-of date; default midnight after the latest order line').optional() }),
  run: async (store, i) => {
    const asOf = i.asOf ? parseDateArg(i.asOf) : await defaultAsOf(store);
    if (!asOf) throw new UserError('no order lines stored: import order_lines first');
    return offerReach(store, asOf);
  },
});
