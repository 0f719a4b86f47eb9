// imports.list: the import history — the server's import jobs with status, table, file, rows, errors.
import { z } from 'zod';
import { importHistory } from '../data/importHistory.ts';
import { defineOp } from './op.ts';

export const importsListOp = defineOp({
  name: 'imports.list',
  summary: 'Import history, newest first: status, table, file, rows read and written, or the problems that stopped it',
  method: 'GET',
  path: '/v1/imports',
  access: 'read',
  input: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50).describe('imports to return') }),
  run: (store, i) => importHistory(store, i.limit),
});
