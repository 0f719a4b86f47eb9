// customers.forget: erase a customer everywhere (rows of every table, trained models, saved model
// states), keep a tombstone so imports skip them, and audit it (docs/privacy.md). Admins only.
import { z } from 'zod';
import { forgetCustomer } from '../privacy/forgetCustomer.ts';
import { defineOp } from './op.ts';

export const customersForgetOp = defineOp({
  name: 'customers.forget',
  summary: 'Erase a customer everywhere (right to erasure): every table, TOR results, recommendations, trained models; audited',
  method: 'POST',
  path: '/v1/customers/:id/forget',
  access: 'admin',
  input: z.object({ id: z.string().min(1).describe('customer id') }),
  run: (store, i, ctx) => forgetCustomer(store, i.id, ctx.actor),
});
