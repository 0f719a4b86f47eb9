// tor.exports: one TOR's export history, newest first.
import { z } from 'zod';
import { listExports } from '../export/exportHistory.ts';
import { getTor } from '../store/torTable.ts';
import { defineOp } from './op.ts';

export const torExportsOp = defineOp({
  name: 'tor.exports',
  summary: "A TOR's export history (successful and failed attempts), newest first",
  method: 'GET',
  path: '/v1/tors/:id/exports',
  access: 'read',
  input: z.object({ id: z.string().min(1).describe('TOR id') }),
  async run(store, i) {
    await getTor(store, i.id); // an unknown TOR is a 404, not an empty history
    return listExports(store, i.id);
  },
});
