// events.list: behavioural events newest first, a page at a time, optionally one customer's.
import { z } from 'zod';
import { eventsPage } from '../data/tablePages.ts';
import { defineOp } from './op.ts';
import { pageFields } from './pageFields.ts';

export const eventsListOp = defineOp({
  name: 'events.list',
  summary: "Events (views, carts, …), newest first, a page at a time (optionally one customer's)",
  method: 'GET',
  path: '/v1/events',
  access: 'read',
  input: z.object({ customer: z.string().min(1).optional().describe("only this customer's events"), ...pageFields }),
  run: (store, i) => eventsPage(store, i),
});
