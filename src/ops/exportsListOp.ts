// exports.list: the export history of every TOR (or of one id, also a deleted TOR's), newest first.
import { z } from 'zod';
import { listExports } from '../export/exportHistory.ts';
import { defineOp } from './op.ts';

export const exportsListOp = defineOp({
  name: 'exports.list',
  summary: 'Export history of all TORs, or of one TOR id (deleted TORs included), newest first',
  method: 'GET',
  path: '/v1/exports',
  access: 'read',
  input: z.object({ torId: z.string().min(1).optional().describe('only this TOR id') }),
  run: (store, i) => listExports(store, i.torId),
});
