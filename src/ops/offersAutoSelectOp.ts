// offers.autoSelect: which offers an automatic-selection rule would pick now (the preview of a
// TOR's `--auto` selection), with the rule's meaning.
import { z } from 'zod';
import { AUTO_RULES, autoRuleDescription } from '../offers/autoSelect.ts';
import { selectOffersAuto } from '../tor/selectOffersAuto.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';
import { windowField } from './windowField.ts';

export const offersAutoSelectOp = defineOp({
  name: 'offers.autoSelect',
  summary: 'Preview the offers an automatic-selection rule picks (top-revenue, top-niche, low-velocity, top-aov)',
  method: 'POST',
  path: '/v1/offers/auto-select',
  // A preview: it computes, it writes nothing.
  access: 'read',
  offThread: true, // may train the efficiency model: not on the event loop
  input: z.object({
    rule: z.enum(AUTO_RULES).describe('selection rule'),
    count: z.number().int().min(1).max(10_000).describe('offers to pick'),
    window: windowField('30d'),
    type: z.string().min(1).optional().describe('only offers scoped on this product attribute'),
    asOf: dateField('as-of date; default midnight after the latest order line').optional(),
    sendDate: dateField('only offers valid on this date; default the as-of date').optional(),
  }),
  run: async (store, i) => ({
    rule: i.rule,
    description: autoRuleDescription(i.rule),
    offerIds: await selectOffersAuto(store, {
      rule: i.rule,
      count: i.count,
      window: i.window,
      type: i.type,
      asOf: i.asOf ?? null,
      sendDate: i.sendDate ?? null,
    }),
  }),
});
