// customers.firings: one customer's trigger-rule firings, newest first — a real-time read (service
// keys may call it), answered from the store so a firing made by an ingest is visible at once.
import { z } from 'zod';
import { firingsPage } from '../rules/firingsPage.ts';
import { defineOp } from './op.ts';

export const rulesCustomerFiringsOp = defineOp({
  name: 'customers.firings',
  summary: "A customer's trigger-rule firings (batch and real time), newest first",
  method: 'GET',
  path: '/v1/customers/:id/firings',
  access: 'realtime',
  input: z.object({
    id: z.string().min(1).max(200).describe('customer id'),
    limit: z.coerce.number().int().min(1).max(10_000).default(100).describe('rows to return'),
  }),
  async run(store, i) {
    const page = await firingsPage(store, { customer: i.id, limit: i.limit, offset: 0 });
    return { customerId: i.id, ...page };
  },
});
