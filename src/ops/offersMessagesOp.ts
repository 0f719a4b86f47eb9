// offers.messages: every offer's message template.
import { z } from 'zod';
import { offerMessages } from '../store/offerMessageTable.ts';
import { defineOp } from './op.ts';

export const offersMessagesOp = defineOp({
  name: 'offers.messages',
  summary: "List the offers' message templates",
  method: 'GET',
  path: '/v1/offer-messages',
  access: 'read',
  input: z.object({}),
  run: (store) => offerMessages(store),
});
