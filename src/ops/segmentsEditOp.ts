// segments.edit: change a segment's name, description or expression (built-ins too; delete resets them).
import { z } from 'zod';
import { editSegment } from '../segments/segmentEdits.ts';
import { defineOp } from './op.ts';

export const segmentsEditOp = defineOp({
  name: 'segments.edit',
  summary: "Change a segment's name, description or expression (a built-in too: segments delete resets it)",
  method: 'PATCH',
  path: '/v1/segments/:id',
  access: 'write',
  input: z.object({
    id: z.string().min(1).describe('segment id'),
    name: z.string().min(1).optional().describe('new display name'),
    description: z.string().optional().describe('new description'),
    expression: z.string().min(1).optional().describe('new audience expression'),
  }),
  run: (store, i) => editSegment(store, i.id, { name: i.name, description: i.description, expression: i.expression }),
});
