// users.list: dashboard users and their roles.
import { z } from 'zod';
import { listUsers } from '../access/users.ts';
import { defineOp } from './op.ts';

export const usersListOp = defineOp({
  name: 'users.list',
  summary: 'List dashboard users and their roles',
  method: 'GET',
  path: '/v1/users',
  access: 'admin',
  input: z.object({}),
  run: (store) => listUsers(store),
});
