// orderLines.list: order lines newest first, a page at a time, optionally one customer's.
import { z } from 'zod';
import { orderLinesPage } from '../data/tablePages.ts';
import { defineOp } from './op.ts';
import { pageFields } from './pageFields.ts';

export const orderLinesListOp = defineOp({
  name: 'orderLines.list',
  summary: "Order lines, newest first, a page at a time (optionally one customer's)",
  method: 'GET',
  path: '/v1/order-lines',
  access: 'read',
  input: z.object({ customer: z.string().min(1).optional().describe("only this customer's lines"), ...pageFields }),
  run: (store, i) => orderLinesPage(store, i),
});
