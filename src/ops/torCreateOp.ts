// tor.create: a new TOR in Draft from chosen or auto-selected offers, with the size of its audience.
import { z } from 'zod';
import { defaultAsOf, parseDateArg } from '../snapshot/interactions.ts';
import { countAudience } from '../tor/audienceForTor.ts';
import { createTor } from '../tor/createTor.ts';
import { defineOp } from './op.ts';
import { settingsExtraFrom, torAutoSchema, torSettingsFields } from './torDefinitionSchema.ts';

export const torCreateOp = defineOp({
  name: 'tor.create',
  summary: 'Create a TOR (Draft): its offers (or an auto-selection rule), offers per customer, objective, audience, model, guardrails',
  method: 'POST',
  path: '/v1/tors',
  access: 'write',
  offThread: true, // auto-selection by top-niche / low-velocity / top-aov trains a model
  input: z.object({
    name: z.string().min(1).describe('a name for people, e.g. Spring mailing'),
    offers: z.array(z.string().min(1)).min(1).optional().describe('offer ids (give these or auto)'),
    auto: torAutoSchema.optional().describe('pick the offers by a rule instead (give this or offers)'),
    ...torSettingsFields,
    perCustomer: torSettingsFields.perCustomer.unwrap(),
  }),
  async run(store, i) {
    const tor = await createTor(store, {
      name: i.name,
      offers: i.offers,
      auto: i.auto,
      perCustomer: i.perCustomer,
      asOf: i.asOf ?? null,
      audience: i.audience ?? null,
      objective: i.objective,
      model: i.model,
      extra: settingsExtraFrom(i),
    });
    // How many customers the audience keeps, so the caller sees the reach before computing.
    const asOf = tor.settings.asOf ? parseDateArg(tor.settings.asOf) : await defaultAsOf(store);
    return { ...tor, audienceCount: asOf ? await countAudience(store, tor.settings.audience, asOf) : null };
  },
});
