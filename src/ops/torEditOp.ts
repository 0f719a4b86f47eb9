// tor.edit: rename a TOR (keeps its status) or change what it computes (back to Draft).
import { z } from 'zod';
import { editTor } from '../tor/editTor.ts';
import { defineOp } from './op.ts';
import { settingsExtraFrom, torAutoSchema, torSettingsFields } from './torDefinitionSchema.ts';

export const torEditOp = defineOp({
  name: 'tor.edit',
  summary: 'Edit a TOR: a new name alone keeps its status; anything else sends it back to Draft (results stale until recomputed)',
  method: 'PATCH',
  path: '/v1/tors/:id',
  access: 'write',
  input: z.object({
    id: z.string().min(1).describe('TOR id'),
    name: z.string().min(1).optional().describe('new name'),
    offers: z.array(z.string().min(1)).min(1).optional().describe('replace the offers (the selection becomes manual)'),
    auto: torAutoSchema.optional().describe('re-select the offers by this rule now (the selection stays automatic)'),
    ...torSettingsFields,
  }),
  // A TOR queued or computing in a job is not edited under it (the route answers 409).
  lockedBy: (i) => `tor:${i.id}`,
  // Re-selecting by top-niche / low-velocity / top-aov trains a model: off the event loop then.
  offThread: (i) => i.auto !== undefined,
  run: (store, i) =>
    editTor(store, i.id, {
      name: i.name,
      offers: i.offers,
      auto: i.auto,
      perCustomer: i.perCustomer,
      asOf: i.asOf,
      model: i.model,
      audience: i.audience,
      objective: i.objective,
      extra: settingsExtraFrom(i),
    }),
});
