// segments.overlap: the matrix of pairwise overlaps (shared customers) of the segments as of a date.
import { z } from 'zod';
import { segmentAsOf } from '../segments/segmentAsOf.ts';
import { segmentOverlap } from '../segments/segmentOverlap.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const segmentsOverlapOp = defineOp({
  name: 'segments.overlap',
  summary: 'How many customers each pair of segments shares as of a date (the diagonal is each size)',
  method: 'GET',
  path: '/v1/segments/overlap',
  access: 'read',
  input: z.object({
    asOf: dateField('as-of date; default midnight after the latest order line').optional(),
    segment: z
      .union([z.string().min(1), z.array(z.string().min(1))])
      .optional()
      .describe('only these segments (repeat the parameter)'),
  }),
  run: async (store, i, ctx) =>
    segmentOverlap(store, await segmentAsOf(store, i.asOf), {
      actor: ctx.actor,
      segmentIds: i.segment === undefined ? undefined : [i.segment].flat(),
    }),
});
