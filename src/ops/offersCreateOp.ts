// offers.save: creates or edits one offer with its level (all, members, audience, individual).
// For level individual the customers come as ids or as a customers file on the server (errors name its lines).
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { LEVELS, MECHANISMS } from '../ingest/tableSpecs.ts';
import { customerIdsFromFile } from '../offers/customerIdsFromFile.ts';
import { saveOffer } from '../offers/saveOffer.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

const date = (s: string | null | undefined) => (s === undefined ? undefined : s === null ? null : parseDateArg(s));

export const offersCreateOp = defineOp({
  name: 'offers.save',
  summary: 'Create or edit one offer with its level: all, members, audience (expression) or individual (customers)',
  method: 'PUT',
  path: '/v1/offers/:id',
  access: 'write',
  input: z.object({
    id: z.string().min(1).describe('offer id'),
    name: z.string().min(1).optional().describe('display name (required for a new offer)'),
    scope: z.string().min(1).optional().describe('attribute=value, e.g. family=candles'),
    products: z.array(z.string().min(1)).optional().describe('explicit product ids instead of a scope'),
    mechanism: z.enum(MECHANISMS).optional().describe('benefit type'),
    value: z.number().min(0).nullable().optional().describe('benefit size'),
    validFrom: dateField('first day in force').nullable().optional(),
    validTo: dateField('last day in force').nullable().optional(),
    level: z.enum(LEVELS).optional().describe('who may get it: all, members, audience or individual'),
    audience: z.string().min(1).nullable().optional().describe('level audience: the audience expression (docs/audience.md)'),
    customers: z.array(z.string().min(1)).optional().describe('level individual: customer ids'),
    customersFile: z
      .string()
      .refine(isAbsolute, 'must be an absolute path on the server')
      .optional()
      .describe('level individual: a file on the server with one customer id per line'),
    customersFileLabel: z.string().optional().describe('the name messages show for the customers file'),
    cost: z.number().min(0).max(1).nullable().optional().describe('unit cost share of revenue (0..1)'),
  }),
  files: (i) => (i.customersFile ? [{ path: i.customersFile, mode: 'read' as const }] : []),
  run: (store, i) =>
    saveOffer(store, {
      offerId: i.id,
      name: i.name,
      scope: i.scope,
      products: i.products,
      mechanism: i.mechanism,
      value: i.value,
      validFrom: date(i.validFrom),
      validTo: date(i.validTo),
      level: i.level,
      audience: i.audience,
      cost: i.cost,
      customers: i.customersFile
        ? { ...customerIdsFromFile(i.customersFile, i.customersFileLabel), file: i.customersFileLabel ?? i.customersFile }
        : i.customers
          ? { ids: i.customers, lines: i.customers.map((_, k) => k + 1) }
          : undefined,
    }),
});
