// segments.members: the customer ids in a segment as of a date, a page at a time or all to a CSV file.
import { z } from 'zod';
import { segmentAsOf } from '../segments/segmentAsOf.ts';
import { segmentMembersPage } from '../segments/segmentMembersPage.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const segmentsMembersOp = defineOp({
  name: 'segments.members',
  summary: 'The customers in a segment as of a date: a page of ids, or all of them to a CSV file',
  method: 'GET',
  path: '/v1/segments/:id/members',
  access: 'read',
  input: z.object({
    id: z.string().min(1).describe('segment id'),
    asOf: dateField('as-of date; default midnight after the latest order line').optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(1000).describe('ids per page'),
    offset: z.coerce.number().int().min(0).default(0).describe('ids to skip'),
    out: z.string().min(1).optional().describe('write every member to this .csv file (on the server) instead'),
  }),
  files: (i) => (i.out ? [{ path: i.out, mode: 'write' as const }] : []),
  run: async (store, i, ctx) =>
    segmentMembersPage(store, i.id, await segmentAsOf(store, i.asOf), { actor: ctx.actor, limit: i.limit, offset: i.offset, out: i.out }),
});
