// users.disable: the user can no longer sign in; their sessions end.
import { z } from 'zod';
import { disableUser } from '../access/users.ts';
import { defineOp } from './op.ts';

export const usersDisableOp = defineOp({
  name: 'users.disable',
  summary: 'Disable a dashboard user (sign-in refused, sessions ended)',
  method: 'DELETE',
  path: '/v1/users/:username',
  access: 'admin',
  input: z.object({ username: z.string().min(1) }),
  run: (store, i) => disableUser(store, i.username),
});
