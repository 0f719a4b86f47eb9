// tor.list: every TOR with its status.
import { z } from 'zod';
import { listTors } from '../store/torTable.ts';
import { defineOp } from './op.ts';

export const torListOp = defineOp({
  name: 'tor.list',
  summary: 'Every TOR with its status, offers and settings',
  method: 'GET',
  path: '/v1/tors',
  access: 'read',
  input: z.object({}),
  run: (store) => listTors(store),
});
