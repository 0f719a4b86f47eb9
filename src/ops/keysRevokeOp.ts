// keys.revoke: a revoked key is refused from the next request on.
import { z } from 'zod';
import { revokeApiKey } from '../access/apiKeys.ts';
import { defineOp } from './op.ts';

export const keysRevokeOp = defineOp({
  name: 'keys.revoke',
  summary: 'Revoke an API key by its id',
  method: 'DELETE',
  path: '/v1/keys/:keyId',
  access: 'admin',
  input: z.object({ keyId: z.string().min(1).describe('the key id, e.g. key-1a2b3c4d') }),
  run: (store, i) => revokeApiKey(store, i.keyId),
});
