// rules.apply: evaluates trigger rules as of a date in one transaction — the given file or text,
// else the active loaded set — records the firings (unless dryRun) and writes the fired actions
// (customer_id, rule, offer_id, fired_at) to `out` atomically.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { UserError } from '../domain/errors.ts';
import { applyRules } from '../rules/applyRules.ts';
import { ruleSourceFields } from '../rules/ruleSourceFields.ts';
import { ruleTextOrActive } from '../rules/ruleSource.ts';
import { defaultAsOf, parseDateArg } from '../snapshot/interactions.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const rulesApplyOp = defineOp({
  name: 'rules.apply',
  summary: 'Evaluate trigger rules as of a date: record the firings and write customer_id, rule, offer_id, fired_at to a CSV',
  method: 'POST',
  path: '/v1/rules/apply',
  access: 'write',
  input: z.object({
    ...ruleSourceFields,
    asOf: dateField('history before this instant counts; firings are dated at it; default midnight after the latest order line').optional(),
    out: z
      .string()
      .min(1)
      .refine(isAbsolute, 'must be an absolute path on the server')
      .optional()
      .describe('CSV file (on the server) for the fired actions, written atomically'),
    dryRun: z.boolean().default(false).describe('evaluate only: record nothing (the out file is still written)'),
    limit: z.number().int().min(0).max(10_000).default(100).describe('firings listed in the answer (all are recorded and written)'),
  }),
  files: (i) => [...(i.file ? [{ path: i.file, mode: 'read' as const }] : []), ...(i.out ? [{ path: i.out, mode: 'write' as const }] : [])],
  async run(store, i) {
    const asOf = i.asOf ? parseDateArg(i.asOf) : await defaultAsOf(store);
    if (!asOf) throw new UserError('no order lines stored and no as-of date given: pass asOf (--as-of DATE)');
    const src = await ruleTextOrActive(store, i);
    return applyRules(store, src, { asOf, out: i.out, dryRun: i.dryRun, limit: i.limit });
  },
});
