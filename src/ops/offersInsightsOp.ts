// offers.insights: per node of one hierarchy level (= candidate offer <level>=<value>), 30-day
// revenue, velocity, orders, buyers, AOV, audience and efficiency index; all nodes or the given offers.
import { z } from 'zod';
import { offerInsightsFromStore } from '../offers/insightsFromStore.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const offersInsightsOp = defineOp({
  name: 'offers.insights',
  summary:
    'Insights of each node of a hierarchy level (or of the given offers): revenue, velocity, orders, buyers, AOV, audience, efficiency',
  method: 'GET',
  path: '/v1/offers/insights',
  access: 'read',
  offThread: true, // may train the efficiency model: not on the event loop
  input: z.object({
    type: z.string().min(1).optional().describe('hierarchy level (product attribute); default the lowest declared level'),
    asOf: dateField('end of the 30-day window; default midnight after the latest order line').optional(),
    offers: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe('only these offer ids (repeat the parameter)'),
  }),
  run: async (store, i, ctx) => {
    const report = await offerInsightsFromStore(store, { level: i.type, asOf: i.asOf ? parseDateArg(i.asOf) : undefined, log: ctx.log });
    const only = i.offers === undefined ? null : new Set([i.offers].flat());
    // `offer` is an index into this computation's dictionary: meaningless to callers.
    const insights = report.insights.filter((r) => !only || only.has(r.offerId)).map(({ offer: _o, ...r }) => r);
    return { ...report, insights };
  },
});
