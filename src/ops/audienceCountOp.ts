// audience.count: how many customers an audience expression includes, of those addressable as of
// a date. A bad expression is a 400 whose message names the column of the mistake.
import { z } from 'zod';
import { UserError } from '../domain/errors.ts';
import { defaultAsOf, parseDateArg } from '../snapshot/interactions.ts';
import { countAudience } from '../tor/audienceForTor.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const audienceCountOp = defineOp({
  name: 'audience.count',
  summary: 'Count the customers an audience expression includes, of those addressable as of a date (grammar: docs/audience.md)',
  method: 'POST',
  path: '/v1/audience/count',
  access: 'read',
  input: z.object({
    audience: z.string().min(1).describe("audience expression, e.g. frequency >= 2 and segment = 'loyal'"),
    asOf: dateField('as-of date; default midnight after the latest order line').optional(),
  }),
  run: async (store, i) => {
    const asOf = i.asOf ? parseDateArg(i.asOf) : await defaultAsOf(store);
    if (!asOf) throw new UserError('no order lines stored: import order_lines first');
    return { ...(await countAudience(store, i.audience, asOf)), asOf };
  },
});
