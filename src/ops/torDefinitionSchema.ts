// A TOR's definition as JSON, shared by tor.create (POST /v1/tors) and tor.edit (PATCH): the
// shapes are checked here (so the API names the bad field); what needs the store — known offers,
// model names, at most 25 offers, the audience expression — is checked by the tor/ services.
import { z } from 'zod';
import type { TorSettings } from '../domain/types.ts';
import { AUTO_RULES } from '../tor/selectOffersAuto.ts';
import { dateField } from './dateField.ts';
import { CHANNEL } from '../domain/channel.ts';

const customers = z.number().int().min(0);

export const OBJECTIVES = ['purchase', 'revenue', 'acquisition', 'margin', 'uplift'] as const;

export const torGuardrailsSchema = z.object({
  suppressionDays: z.number().int().min(0).max(3650).optional().describe('days after a send during which the same offer is not sent again'),
  suppressRedeemed: z.boolean().optional().describe('false = customers who redeemed an offer may get it again'),
  maxContacts: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .nullable()
    .optional()
    .describe('contacts allowed per customer in the cap window; null = no cap'),
  capWindowDays: z.number().int().min(1).max(3650).optional().describe('length of the frequency-cap window in days'),
  capUnit: z.enum(['offers', 'sends']).optional().describe('what the cap counts'),
});

export const torLimitsSchema = z.object({
  min: z.record(z.string(), customers.nullable()).optional().describe('offer id → at least this many customers (edit: null removes it)'),
  max: z.record(z.string(), customers.nullable()).optional().describe('offer id → at most this many customers (edit: null removes it)'),
  maxAtPriority: z
    .record(z.string(), z.array(customers.nullable()).max(4).nullable())
    .optional()
    .describe('offer id → at most this many customers at priority 1, 2, … (null = no limit; edit: null for the offer removes it)'),
});

export const torControlSchema = z.object({
  pct: z
    .number()
    .min(0, 'the control percentage must be between 0 and 50')
    .max(50, 'the control percentage must be between 0 and 50')
    .describe('percentage of customers held out as a control group, 0–50'),
  seed: z.string().min(1).max(100).default('1').describe('seed of the random split'),
  stratify: z
    .enum(['none', 'segment', 'priority'])
    .default('none')
    .describe('exact control shares within each segment or first-priority offer'),
  experiment: z.string().min(1).max(200).nullable().default(null).describe('experiment id the arms belong to; null = the TOR id'),
});

/** Fields that change what a TOR computes; every one optional (the PATCH body). */
export const torSettingsFields = {
  perCustomer: z.number().int().min(1).max(4).optional().describe('offers per customer, 1 to 4'),
  objective: z.enum(OBJECTIVES).optional().describe('what the allocation maximises'),
  audience: z.string().nullable().optional().describe('audience filter expression; null = every customer with history'),
  model: z.string().optional().describe('scoring method: baseline, propensity, frequency or popularity'),
  asOf: dateField('use history before this date; null = the latest data').nullable().optional(),
  sendDate: dateField('date the guardrails are checked against; null = the as-of date').nullable().optional(),
  guardrails: torGuardrailsSchema.optional().describe('suppression and frequency caps (edit: merged onto the current ones)'),
  limits: torLimitsSchema.optional().describe('volume limits per offer (edit: merged onto the current ones)'),
  excludeCustomers: z.array(z.string().min(1)).optional().describe('customers never to include'),
  offerMap: z
    .string()
    .min(1)
    .nullable()
    .optional()
    .describe('segment → offer map applied over the scores (an offer map id; null removes it)'),
  control: torControlSchema.nullable().optional().describe('hold out a random control group (null removes it)'),
  channel: z
    .string()
    .regex(CHANNEL, 'lower-case letters, digits and _, e.g. email')
    .nullable()
    .optional()
    .describe('channel of the send: customers whose consent_<channel> attribute is not true are excluded (null removes it)'),
};

export const torAutoSchema = z.object({
  rule: z.enum(AUTO_RULES).describe('auto-selection rule'),
  count: z.number().int().min(1).describe('how many offers to pick (at most 25)'),
  window: z.string().default('30d').describe('revenue window, e.g. 30d or all'),
  type: z.string().optional().describe('only offers on this attribute, e.g. family'),
});

type SettingsFields = { [K in keyof typeof torSettingsFields]?: z.infer<(typeof torSettingsFields)[K]> };

/** The guardrails, limits, exclusions and send date given, as a TorSettings patch. */
export function settingsExtraFrom(d: SettingsFields): Partial<TorSettings> {
  const extra: Partial<TorSettings> = {};
  if (d.sendDate !== undefined) extra.sendDate = d.sendDate;
  if (d.guardrails !== undefined) extra.guardrails = d.guardrails;
  if (d.limits !== undefined) extra.limits = d.limits as TorSettings['limits'];
  if (d.excludeCustomers !== undefined) extra.excludeCustomers = d.excludeCustomers;
  if (d.offerMap !== undefined) extra.offerMap = d.offerMap;
  if (d.control !== undefined) extra.control = d.control;
  if (d.channel !== undefined) extra.channel = d.channel;
  return extra;
}
