// recs.recommend: top-N product recommendations for every customer with history, written to the
// product_recommendations table or to a CSV/Parquet file on the server (a job: the model may be fitted).
import { rmSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { defaultRecsModel } from '../models/registry.ts';
import { recommendProducts } from '../recs/productRecommendations.ts';
import { RECS_TABLE, recsTempFile, type RecsTarget } from '../recs/recsOutput.ts';
import { dateField } from './dateField.ts';
import { defineOp } from './op.ts';

export const recommendOp = defineOp({
  name: 'recs.recommend',
  summary: 'Top-N product recommendations per customer to the product_recommendations table or a CSV/Parquet file (runs as a job)',
  method: 'POST',
  path: '/v1/recommendations',
  access: 'write',
  input: z.object({
    target: z
      .string()
      .refine(
        (t) => t === 'table' || (isAbsolute(t) && /\.(csv|parquet)$/i.test(t)),
        "'table', or an absolute path on the server ending in .csv or .parquet",
      )
      .describe("'table' (product_recommendations) or an absolute server-side file path, e.g. /data/recs.csv"),
    top: z.number().int().min(1).max(100).default(10).describe('products per customer'),
    asOf: dateField('only purchases before this count; null = midnight after the latest order line').nullable().default(null),
    excludePurchased: z.boolean().default(false).describe('leave out products the customer has bought'),
    filters: z.array(z.string()).default([]).describe("'attribute=value' restrictions on products, all must hold"),
    attributes: z.array(z.string().min(1)).default([]).describe('product attribute columns to add to each row'),
    maxPer: z.string().nullable().default(null).describe("'attribute=N': at most N products per attribute value"),
    model: z.string().default(defaultRecsModel).describe('the model (see GET /v1/models)'),
  }),
  job: {
    // Recommend and train of one model share its state file: one at a time.
    lock: (i) => `model:${i.model}`,
    // A job stopped during the write leaves the temporary file (the target itself is untouched).
    async onAbort(_store, i) {
      if (i.target !== 'table') rmSync(recsTempFile(i.target), { force: true });
    },
  },
  files: (i) => (i.target === 'table' ? [] : [{ path: i.target, mode: 'write' as const }]),
  async run(store, i, ctx) {
    const { target, ...settings } = i;
    const to: RecsTarget = target === 'table' ? { kind: 'table' } : { kind: 'file', path: target };
    const res = await recommendProducts(store, settings, to, ctx.log, ctx.progress);
    // model: the one fitted (auto resolved); auto: how it was chosen, with its measured quality
    return { ...res, target: to.kind === 'table' ? `table ${RECS_TABLE}` : to.path, requested: i.model };
  },
});
