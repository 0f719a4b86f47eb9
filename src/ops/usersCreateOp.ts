// users.create: a dashboard user (argon2id password hash).
import { z } from 'zod';
import { createUser } from '../access/users.ts';
import { defineOp } from './op.ts';

export const usersCreateOp = defineOp({
  name: 'users.create',
  summary: 'Create a dashboard user (admin, marketer or viewer) with a password',
  method: 'POST',
  path: '/v1/users',
  access: 'admin',
  createsStore: true,
  input: z.object({
    username: z.string().min(2).max(64).describe('sign-in name'),
    password: z.string().min(8).max(200).describe('at least 8 characters'),
    role: z.enum(['admin', 'marketer', 'viewer']).describe('what the user may do'),
  }),
  run: (store, i) => createUser(store, i),
});
