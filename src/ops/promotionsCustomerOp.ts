// promotions.customer: one customer's personalised promotions from the latest compute.
import { z } from 'zod';
import { promotionsForCustomer } from '../promotions/promotionListsRead.ts';
import { defineOp } from './op.ts';

export const promotionsCustomerOp = defineOp({
  name: 'promotions.customer',
  summary: "A customer's personalised promotions (rank, expected value, probability, reason) from the latest compute",
  method: 'GET',
  path: '/v1/customers/:id/promotions',
  access: 'read',
  input: z.object({ id: z.string().min(1).describe('customer id') }),
  run: (store, i) => promotionsForCustomer(store, i.id),
});
