// segments.delete: remove a user segment (and its refresh history); a built-in is reset instead.
import { z } from 'zod';
import { deleteSegment } from '../segments/segmentTable.ts';
import { defineOp } from './op.ts';

export const segmentsDeleteOp = defineOp({
  name: 'segments.delete',
  summary: 'Delete a user segment with its refresh history; a built-in is reset to its shipped definition',
  method: 'DELETE',
  path: '/v1/segments/:id',
  access: 'write',
  input: z.object({ id: z.string().min(1).describe('segment id') }),
  run: async (store, i) => ({ id: i.id, outcome: await deleteSegment(store, i.id) }),
});
