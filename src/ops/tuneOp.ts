// models.tune: grid search of one model's config on a validation window before the as-of date;
// the best config is saved (meta `config:<model>`) and used by evaluate and recommend. A job.
import { z } from 'zod';
import { tuneModel } from '../backtest/tuneModel.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const tuneOp = defineOp({
  name: 'models.tune',
  summary: "Search a model's settings on the months before the as-of date and save the best (runs as a job)",
  method: 'POST',
  path: '/v1/models/tune',
  access: 'write',
  input: z.object({
    model: z.string().describe('a tunable model, e.g. itemKnn'),
    asOf: dateField('the validation window ends here; default: midnight after the latest order line').optional(),
    validationDays: z.number().int().min(7).max(730).default(91).describe('length of the validation window in days'),
    variant: z.enum(['all', 'new', 'both']).default('all').describe("which NDCG to maximise: all items, new items, or 'both' (their mean)"),
  }),
  job: {
    // Two searches of one model would race to save its config.
    lock: (i) => `tune:${i.model}`,
  },
  run: (store, i, ctx) =>
    tuneModel(store, {
      model: i.model,
      asOf: i.asOf ? parseDateArg(i.asOf) : undefined,
      validationDays: i.validationDays,
      variant: i.variant,
      log: ctx.log,
      progress: ctx.progress,
    }),
});
