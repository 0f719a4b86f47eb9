// audit.list: the audit log, newest first.
import { z } from 'zod';
import { listAudit } from '../access/audit.ts';
import { defineOp } from './op.ts';

export const auditListOp = defineOp({
  name: 'audit.list',
  summary: 'The audit log of mutating calls, newest first',
  method: 'GET',
  path: '/v1/audit',
  access: 'admin',
  input: z.object({
    limit: z.coerce.number().int().min(1).max(10_000).default(100).describe('entries to return'),
    actor: z.string().optional().describe('only this actor'),
    action: z.string().optional().describe('only actions starting with this, e.g. tor.'),
  }),
  run: (store, i) => listAudit(store, i),
});
