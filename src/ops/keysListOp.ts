// keys.list: every API key (prefix, role, name, created, revoked, last used) — never the key itself.
import { z } from 'zod';
import { listApiKeys } from '../access/apiKeys.ts';
import { defineOp } from './op.ts';

export const keysListOp = defineOp({
  name: 'keys.list',
  summary: 'List API keys (prefix, role, name, dates); keys themselves are never shown again',
  method: 'GET',
  path: '/v1/keys',
  access: 'admin',
  input: z.object({}),
  run: (store) => listApiKeys(store),
});
