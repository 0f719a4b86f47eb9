// keys.create: a new API key with a role; the key is in the answer once and never again.
import { z } from 'zod';
import { createApiKey } from '../access/apiKeys.ts';
import { ROLES } from './access.ts';
import { defineOp } from './op.ts';

export const keysCreateOp = defineOp({
  name: 'keys.create',
  summary: 'Create an API key with a role (admin, marketer, viewer, service); the key is shown once',
  method: 'POST',
  path: '/v1/keys',
  access: 'admin',
  createsStore: true,
  input: z.object({
    role: z.enum(ROLES).describe('what the key may do'),
    name: z.string().min(1).max(100).optional().describe('a label, e.g. the app using it'),
  }),
  run: (store, i) => createApiKey(store, i),
});
