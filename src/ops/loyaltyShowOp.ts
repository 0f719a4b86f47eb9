// loyalty.show: everything loyalty about one customer in one read — favourites and what the member
// may still edit, eligible products, favourite categories, personal and individual offers in force.
import { z } from 'zod';
import { loyaltyView } from '../loyalty/loyaltyView.ts';
import { wallClockNow } from '../domain/wallClockNow.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const loyaltyShowOp = defineOp({
  name: 'loyalty.show',
  summary: "A customer's loyalty view: favourites (editable cells), eligible products, categories, personal and individual offers",
  method: 'GET',
  path: '/v1/customers/:id/loyalty',
  access: 'realtime',
  input: z.object({
    id: z.string().min(1).describe('customer id'),
    at: dateField('the date shown; default now').optional(),
  }),
  run: (store, i) => loyaltyView(store, i.id, i.at ? parseDateArg(i.at) : wallClockNow()),
});
