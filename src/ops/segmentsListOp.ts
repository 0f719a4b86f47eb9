// segments.list: every segment with its size as of a date (stale ones refreshed and recorded first).
import { z } from 'zod';
import { segmentAsOf } from '../segments/segmentAsOf.ts';
import { segmentList } from '../segments/segmentList.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const segmentsListOp = defineOp({
  name: 'segments.list',
  summary: 'Every segment with its size as of a date; refreshes (and records) the ones whose last refresh is stale (docs/segments.md)',
  method: 'GET',
  path: '/v1/segments',
  access: 'read',
  input: z.object({
    asOf: dateField('as-of date; default midnight after the latest order line').optional(),
  }),
  run: async (store, i, ctx) => segmentList(store, await segmentAsOf(store, i.asOf), { actor: ctx.actor }),
});
