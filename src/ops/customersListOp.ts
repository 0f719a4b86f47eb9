// customers.list: customers with their attributes, a page at a time, optionally by id prefix.
import { z } from 'zod';
import { customersPage } from '../data/tablePages.ts';
import { defineOp } from './op.ts';
import { pageFields } from './pageFields.ts';

export const customersListOp = defineOp({
  name: 'customers.list',
  summary: 'Customers with their attributes, a page at a time (search by id prefix)',
  method: 'GET',
  path: '/v1/customers',
  access: 'read',
  input: z.object({ search: z.string().min(1).optional().describe('customer id prefix (case-sensitive)'), ...pageFields }),
  run: (store, i) => customersPage(store, i),
});
