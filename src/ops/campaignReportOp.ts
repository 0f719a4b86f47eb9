// campaign.report: the KPI report of a campaign (a TOR's sends, a rule's firings, or imported contacts):
// treatment vs control with 95 % intervals per offer, segment and priority (docs/experiments.md).
import { z } from 'zod';
import { campaignReport } from '../campaigns/campaignReport.ts';
import { windowDaysFromArg } from '../offers/offerRevenue.ts';
import { defineOp } from './op.ts';
import { windowField } from './windowField.ts';

export const campaignReportOp = defineOp({
  name: 'campaign.report',
  summary:
    'KPI report of a campaign: contacts per arm, uptake, conversion, revenue, incremental effects with 95 % intervals, churn, warnings',
  method: 'GET',
  path: '/v1/campaigns/:id/report',
  access: 'read',
  input: z.object({
    id: z.string().min(1).describe('campaign id: a TOR id, a rule id, or an imported campaign_id'),
    window: windowField('14d', { days: true, what: 'attribution window after each contact' }),
    attribution: z.enum(['last', 'first']).default('last').describe('which send gets a purchase inside several contacts’ windows'),
    churnDays: windowField('60d', { days: true, what: 'churn window: no purchase in this many days after the contact' }),
    expectedControlPct: z.coerce
      .number()
      .min(0)
      .max(50)
      .optional()
      .describe('planned control percentage for the sample-ratio check of imported campaigns'),
  }),
  run: (store, i) =>
    campaignReport(store, i.id, {
      windowDays: windowDaysFromArg(i.window)!,
      attribution: i.attribution,
      churnDays: windowDaysFromArg(i.churnDays)!,
      expectedControlPct: i.expectedControlPct ?? null,
    }),
});
