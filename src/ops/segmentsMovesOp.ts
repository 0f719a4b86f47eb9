// segments.moves: who entered and who left each segment between two dates (e.g. who went dormant).
import { z } from 'zod';
import { segmentAsOf } from '../segments/segmentAsOf.ts';
import { segmentMoves } from '../segments/segmentMoves.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const segmentsMovesOp = defineOp({
  name: 'segments.moves',
  summary: 'Per segment, how many customers (and who) entered and left between two dates',
  method: 'GET',
  path: '/v1/segments/moves',
  access: 'read',
  input: z.object({
    from: dateField('the earlier date'),
    to: dateField('the later date'),
    segment: z
      .union([z.string().min(1), z.array(z.string().min(1))])
      .optional()
      .describe('only these segments (repeat the parameter)'),
    limit: z.coerce.number().int().min(0).max(10_000).default(100).describe('customer ids listed per direction'),
  }),
  run: async (store, i, ctx) =>
    segmentMoves(store, await segmentAsOf(store, i.from, 'from'), await segmentAsOf(store, i.to, 'to'), {
      actor: ctx.actor,
      segmentIds: i.segment === undefined ? undefined : [i.segment].flat(),
      limit: i.limit,
    }),
});
