// tor.show: a TOR's status, settings, volumes per offer and priority, a results sample, quality.
import { z } from 'zod';
import { torOverview } from '../tor/torOverview.ts';
import { defineOp } from './op.ts';

export const torShowOp = defineOp({
  name: 'tor.show',
  summary: 'A TOR: status, settings, volume of each offer per priority, a results sample, prediction quality',
  method: 'GET',
  path: '/v1/tors/:id',
  access: 'read',
  input: z.object({
    id: z.string().min(1).describe('TOR id'),
    sample: z.coerce.number().int().min(0).max(1000).default(3).describe('customers of results to include as a sample'),
  }),
  run: (store, i) => torOverview(store, i.id, i.sample),
});
