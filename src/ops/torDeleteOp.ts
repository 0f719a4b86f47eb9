// tor.delete: a TOR and its results, for good (its export history stays).
import { z } from 'zod';
import { removeTor } from '../tor/removeTor.ts';
import { defineOp } from './op.ts';

export const torDeleteOp = defineOp({
  name: 'tor.delete',
  summary: 'Delete a TOR and its results for good (refused while it computes)',
  method: 'DELETE',
  path: '/v1/tors/:id',
  access: 'write',
  input: z.object({ id: z.string().min(1).describe('TOR id') }),
  lockedBy: (i) => `tor:${i.id}`,
  run: (store, i) => removeTor(store, i.id),
});
