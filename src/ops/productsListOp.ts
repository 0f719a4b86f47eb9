// products.list: products with their attributes, a page at a time, optionally searched by id or name.
import { z } from 'zod';
import { productsPage } from '../data/tablePages.ts';
import { defineOp } from './op.ts';
import { pageFields } from './pageFields.ts';

export const productsListOp = defineOp({
  name: 'products.list',
  summary: 'Products with their attributes, a page at a time (search: text in the id or name, any case)',
  method: 'GET',
  path: '/v1/products',
  access: 'read',
  input: z.object({ search: z.string().min(1).optional().describe('text in the product id or name (any case)'), ...pageFields }),
  run: (store, i) => productsPage(store, i),
});
