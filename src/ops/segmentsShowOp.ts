// segments.show: one segment's definition, size and sample members as of a date, and refresh history.
import { z } from 'zod';
import { segmentAsOf } from '../segments/segmentAsOf.ts';
import { segmentDetail } from '../segments/segmentDetail.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const segmentsShowOp = defineOp({
  name: 'segments.show',
  summary: 'A segment: definition, size and sample members as of a date, and its refresh history',
  method: 'GET',
  path: '/v1/segments/:id',
  access: 'read',
  input: z.object({
    id: z.string().min(1).describe('segment id'),
    asOf: dateField('as-of date; default midnight after the latest order line').optional(),
    sample: z.coerce.number().int().min(0).max(500).default(20).describe('how many member ids to show'),
  }),
  run: async (store, i, ctx) => segmentDetail(store, i.id, await segmentAsOf(store, i.asOf), { actor: ctx.actor, sample: i.sample }),
});
