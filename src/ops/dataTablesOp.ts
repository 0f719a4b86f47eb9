// data.tables: how many rows each canonical table holds (the data overview).
import { z } from 'zod';
import { tableCounts } from '../data/tableCounts.ts';
import { defineOp } from './op.ts';

export const dataTablesOp = defineOp({
  name: 'data.tables',
  summary: 'Row count of each canonical table (customers, products, order_lines, events, offers, contacts, responses)',
  method: 'GET',
  path: '/v1/data/tables',
  access: 'read',
  input: z.object({}),
  run: (store) => tableCounts(store),
});
