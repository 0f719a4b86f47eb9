// segments.refresh: recompute and record every segment's members as of a date, even when the last
// refresh is still valid (a scheduled refresh the playbook counts).
import { z } from 'zod';
import { segmentAsOf } from '../segments/segmentAsOf.ts';
import { segmentList } from '../segments/segmentList.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const segmentsRefreshOp = defineOp({
  name: 'segments.refresh',
  summary: 'Recompute and record every segment as of a date, in one transaction',
  method: 'POST',
  path: '/v1/segments/refresh',
  access: 'write',
  input: z.object({
    asOf: dateField('as-of date; default midnight after the latest order line').optional(),
  }),
  run: async (store, i, ctx) => segmentList(store, await segmentAsOf(store, i.asOf), { actor: ctx.actor, force: true }),
});
