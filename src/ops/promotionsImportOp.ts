// promotions.import: a promotions file on the server (CSV / JSON / NDJSON / Parquet) into the pool;
// every bad field is reported as file:line: column: reason and nothing is stored.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { importPromotions } from '../promotions/importPromotions.ts';
import { defineOp } from './op.ts';

export const promotionsImportOp = defineOp({
  name: 'promotions.import',
  summary: 'Import promotions (mechanism, scope, validity, channel, cost model, stock, budget) from a file into the pool',
  method: 'POST',
  path: '/v1/promotions/import',
  access: 'write',
  input: z.object({
    file: z
      .string()
      .min(1)
      .refine(isAbsolute, 'must be an absolute path on the server')
      .describe('absolute path of the file on the server'),
    fileLabel: z.string().optional().describe('the name messages show for the file (the path as typed)'),
    maxErrors: z.number().int().min(1).max(10_000).default(20).describe('problems listed in the error (the rest are counted)'),
  }),
  files: (i) => [{ path: i.file, mode: 'read' }],
  run: (store, i) => importPromotions(store, i.file, { label: i.fileLabel, maxErrors: i.maxErrors }),
});
