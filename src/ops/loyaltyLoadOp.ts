// loyalty.load: loads a loyalty attribute file on the server — eligible favourite products,
// favourite categories or personal offers — validated like every import (file:line: column: reason),
// references checked, nothing written when a row is bad.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { LOYALTY_FILES, loadLoyaltyFile, type LoyaltyFileKind } from '../loyalty/loadLoyaltyFile.ts';
import { defineOp } from './op.ts';

const KINDS = Object.keys(LOYALTY_FILES) as [LoyaltyFileKind, ...LoyaltyFileKind[]];

export const loyaltyLoadOp = defineOp({
  name: 'loyalty.load',
  summary: 'Load a loyalty file on the server: eligible (favourite products), categories or personal-offers (docs/loyalty.md)',
  method: 'POST',
  path: '/v1/loyalty/files/:kind',
  access: 'write',
  input: z.object({
    kind: z.enum(KINDS).describe('eligible, categories or personal-offers'),
    file: z
      .string()
      .min(1)
      .refine(isAbsolute, 'must be an absolute path on the server')
      .describe('absolute path of the file on the server'),
    fileLabel: z.string().optional().describe('the name messages show for the file (the path as typed)'),
    map: z.array(z.string()).optional().describe('canonical=source column names'),
    dryRun: z.boolean().optional().describe('check and count, write nothing'),
  }),
  // Imports touch the same store tables; refused while an import job runs.
  lockedBy: () => 'data:imports',
  createsStore: false,
  files: (i) => [{ path: i.file, mode: 'read' }],
  run: (store, i) => loadLoyaltyFile(store, i),
});
