// offers.message: set (or remove) an offer's personalised copy, a template with placeholders filled
// per assignment in TOR results and exports (docs/offer-maps.md#personalised-copy).
import { z } from 'zod';
import { UserError } from '../domain/errors.ts';
import { templateProblems } from '../rank/messageFromTemplate.ts';
import { getOffers } from '../store/offerTable.ts';
import { offerMessages, putOfferMessage } from '../store/offerMessageTable.ts';
import { defineOp } from './op.ts';

export const offersMessageOp = defineOp({
  name: 'offers.message',
  summary: "Set or remove an offer's message template (placeholders such as {{product}}, {{scope}}, {{value}})",
  method: 'PUT',
  path: '/v1/offers/:id/message',
  access: 'write',
  input: z.object({
    id: z.string().min(1).describe('offer id'),
    template: z
      .string()
      .min(1)
      .max(2000)
      .nullable()
      .describe('e.g. "Since you bought {{product}}, enjoy {{value}}% off {{scope}}"; null removes it'),
    fallback: z.string().min(1).max(2000).nullable().optional().describe('used when a placeholder of the template has no value'),
  }),
  run: async (store, i) => {
    try {
      await getOffers(store, [i.id]);
    } catch (e) {
      throw new UserError((e as Error).message);
    }
    for (const field of ['template', 'fallback'] as const) {
      const text = i[field];
      if (!text) continue;
      const p = templateProblems(text);
      if (p.length) throw new UserError(`${field}: character ${p[0].at}: ${p[0].reason}`);
    }
    await putOfferMessage(store, i.id, i.template, i.fallback ?? null);
    return { offerId: i.id, message: (await offerMessages(store, [i.id]))[0] ?? null };
  },
});
