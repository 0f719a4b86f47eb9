// models.train: fit a recommendation model and save its state beside the store, so the next
// recommend or ingest loads it instead of fitting (a job).
import { z } from 'zod';
import { defaultRecsModel } from '../models/registry.ts';
import { trainRecsModel } from '../recs/trainRecsModel.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const modelsTrainOp = defineOp({
  name: 'models.train',
  summary: 'Fit a recommendation model on the purchases before the as-of date and save it for recommend and ingest (runs as a job)',
  method: 'POST',
  path: '/v1/models/train',
  access: 'write',
  input: z.object({
    model: z.string().default(defaultRecsModel).describe('the model (see GET /v1/models)'),
    asOf: dateField('only purchases before this count; null = midnight after the latest order line').nullable().default(null),
  }),
  job: {
    // Shares the state file with recommend of the same model.
    lock: (i) => `model:${i.model}`,
  },
  run: (store, i, ctx) => trainRecsModel(store, i, ctx.log, ctx.progress),
});
