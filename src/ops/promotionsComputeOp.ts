// promotions.compute: N promotions per customer ranked by expected value (a job with progress).
import { z } from 'zod';
import { computePromotionLists } from '../promotions/computePromotionLists.ts';
import { PROMOTION_OBJECTIVES } from '../promotions/promotionValue.ts';
import { torScorers } from '../tor/torScorers.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const PROMOTIONS_LOCK = 'promotions:lists';

export const promotionsComputeOp = defineOp({
  name: 'promotions.compute',
  summary: "Compute each customer's N promotions from the pool, ranked by expected value under the objective (runs as a job)",
  method: 'POST',
  path: '/v1/promotions/compute',
  access: 'write',
  input: z.object({
    perCustomer: z.number().int().min(1).max(255).default(3).describe('promotions per customer'),
    objective: z
      .enum(PROMOTION_OBJECTIVES as ['purchase', 'margin'])
      .default('purchase')
      .describe('purchase: probability; margin: probability × (expected margin in scope − cost of the mechanism)'),
    model: z
      .string()
      .refine((m) => m in torScorers, `one of ${Object.keys(torScorers).join(', ')}`)
      .default('baseline')
      .describe('scoring method (as for TORs): baseline, frequency, popularity, propensity, auto'),
    asOf: dateField('history before this date is used; default midnight after the latest order line').optional(),
    sendDate: dateField('validity is checked on this date; default the as-of date').optional(),
    channel: z.string().min(1).optional().describe("only promotions for this channel (or 'all')"),
    audience: z.string().min(1).optional().describe('audience expression of the customers to compute (docs/audience.md)'),
  }),
  job: { lock: () => PROMOTIONS_LOCK },
  run: (store, i, ctx) =>
    computePromotionLists(
      store,
      {
        perCustomer: i.perCustomer,
        objective: i.objective,
        model: i.model,
        asOf: i.asOf ?? null,
        sendDate: i.sendDate ?? null,
        channel: i.channel ?? null,
        audience: i.audience ?? null,
      },
      (f, stage) => ctx.progress(f, stage),
    ),
});
