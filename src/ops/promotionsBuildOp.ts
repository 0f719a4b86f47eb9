// promotions.build: a pool of single-product promotions from best sellers, trending, new and
// phasing-out products, spread across categories (docs/promotions.md).
import { z } from 'zod';
import { buildPromotionPool } from '../promotions/buildPromotionPool.ts';
import { PROMOTION_MECHANISMS } from '../promotions/promotion.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';
import { windowField } from './windowField.ts';

const count = (what: string) => z.number().int().min(0).max(100_000).default(0).describe(what);

export const promotionsBuildOp = defineOp({
  name: 'promotions.build',
  summary: 'Build promotions on best sellers, trending, new and phasing-out products, at most N per category',
  method: 'POST',
  path: '/v1/promotions/build',
  access: 'write',
  input: z.object({
    bestSellers: count('promotions on the products with the highest revenue in the window'),
    trending: count('promotions on the products whose revenue rose most vs the previous window'),
    new: count('promotions on products first sold within the window'),
    phaseOut: count('promotions on flagged or declining products'),
    perCategory: z.number().int().min(1).optional().describe('at most this many promotions per category'),
    categoryAttribute: z.string().min(1).optional().describe('product column of the category; default the lowest hierarchy level'),
    window: windowField('90d'),
    asOf: dateField('end of the window; default midnight after the latest order line').optional(),
    mechanism: z.enum(PROMOTION_MECHANISMS).default('percent_off'),
    value: z.number().optional().describe('mechanism value, e.g. 20 (percent) for percent_off'),
    validFrom: dateField('first day the promotions may be sent').optional(),
    validTo: dateField('last day the promotions may be sent').optional(),
    channel: z.string().min(1).default('all'),
    cost: z.number().min(0).max(1).optional().describe('product cost share of revenue (0..1), for the margin objective'),
    stock: z.number().int().min(0).optional().describe('redemptions at most, per promotion'),
    budget: z.number().min(0).optional().describe('money each promotion may cost at most'),
    dryRun: z.boolean().default(false).describe('list what would be built, store nothing'),
  }),
  run: (store, i) =>
    buildPromotionPool(store, {
      counts: { 'best-sellers': i.bestSellers, trending: i.trending, new: i.new, 'phase-out': i.phaseOut },
      perCategory: i.perCategory ?? null,
      categoryAttribute: i.categoryAttribute ?? null,
      window: i.window,
      asOf: i.asOf ?? null,
      mechanism: i.mechanism,
      value: i.value ?? (i.mechanism === 'percent_off' ? 10 : null),
      validFrom: i.validFrom ?? null,
      validTo: i.validTo ?? null,
      channel: i.channel,
      cost: i.cost ?? null,
      stock: i.stock ?? null,
      budget: i.budget ?? null,
      dryRun: i.dryRun,
    }),
});
