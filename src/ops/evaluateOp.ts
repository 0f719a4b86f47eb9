// models.evaluate: the B1 backtest of recommendation models on the store's purchases as of a date;
// saves each model's quality (meta `quality:<model>`, shown by models.list / models.show). A job.
import { z } from 'zod';
import { UserError } from '../domain/errors.ts';
import { b1FromStore, DEFAULT_EVAL_MODELS } from '../backtest/b1.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const evaluateOp = defineOp({
  name: 'models.evaluate',
  summary: 'Backtest recommendation models (B1: precision, recall, NDCG, MAP, hit rate @k) and save their quality (runs as a job)',
  method: 'POST',
  path: '/v1/models/evaluate',
  access: 'write',
  input: z.object({
    models: z.array(z.string().min(1)).min(1).default(DEFAULT_EVAL_MODELS).describe('models to compare (see GET /v1/models)'),
    k: z.number().int().min(1).max(100).default(10).describe('list length the metrics are taken at'),
    asOf: dateField('history ends here; default: midnight after the latest order line').optional(),
    horizon: z.string().optional().describe("test window after as-of: '91d', '12w', '3m', '1y' or 'end' (default: all later lines)"),
    trainWindow: z.string().optional().describe("history used before as-of: '365d' etc. or 'all' (default)"),
    exclude: z
      .object({ from: dateField('start'), to: dateField('end (exclusive)') })
      .optional()
      .describe('history lines in [from, to) are left out, e.g. a promotion that would bias the models'),
  }),
  job: {},
  async run(store, i, ctx) {
    const exclude = i.exclude ? { from: parseDateArg(i.exclude.from), to: parseDateArg(i.exclude.to) } : undefined;
    if (exclude && exclude.to <= exclude.from) throw new UserError('exclude.to must be after exclude.from');
    return b1FromStore(store, {
      models: i.models,
      k: i.k,
      asOf: i.asOf ? parseDateArg(i.asOf) : undefined,
      horizon: i.horizon,
      trainWindow: i.trainWindow,
      exclude,
      log: ctx.log,
      progress: ctx.progress,
    });
  },
});
