// tor.results: a TOR's latest result, page by page (customer, priority, offer and its name, score, reason).
import { z } from 'zod';
import { torResultsPage } from '../tor/torResultsPage.ts';
import { defineOp } from './op.ts';
import { pageFields } from './pageFields.ts';

export const torResultsOp = defineOp({
  name: 'tor.results',
  summary: "A page of a TOR's latest result: each customer's offers by priority, with offer name, score and reason, and the total count",
  method: 'GET',
  path: '/v1/tors/:id/results',
  access: 'read',
  input: z.object({
    id: z.string().min(1).describe('TOR id'),
    ...pageFields,
    customer: z.string().min(1).optional().describe("only this customer's rows (exact id)"),
  }),
  run: (store, i) => torResultsPage(store, i.id, i),
});
