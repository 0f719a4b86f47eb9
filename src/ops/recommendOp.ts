// recs.recommend: top-N product recommendations for every customer with history, written to the
// product_recommendations table, a CSV/Parquet file on the server or a PostgreSQL table (a job: the model may be fitted).
import { rmSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { defaultRecsModel } from '../models/registry.ts';
import { recommendProducts } from '../recs/productRecommendations.ts';
import { RECS_TABLE, recsTempFile, type RecsTarget } from '../recs/recsOutput.ts';
import { dateField } from './dateField.ts';
import { UserError } from '../domain/errors.ts';
import {
  PG_PASSWORD_REFUSED,
  postgresUrlHasPassword,
  isPostgresUrl,
  postgresEndpoint,
  postgresLabel,
} from '../ingest/postgresConnection.ts';
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
        (t) => t === 'table' || isPostgresUrl(t) || (isAbsolute(t) && /\.(csv|parquet)$/i.test(t)),
        "'table', postgres://user@host[:port]/db, or an absolute path on the server ending in .csv or .parquet",
      )
      .refine((t) => !postgresUrlHasPassword(t), PG_PASSWORD_REFUSED)
      .describe("'table' (product_recommendations), an absolute server-side file path (e.g. /data/recs.csv) or postgres://…"),
    // The predictions-table pattern: the password is the server's NEXTBEST_PG_PASSWORD / PGPASSWORD.
    pgTable: z.string().min(1).optional().describe("with a postgres:// target: the table to replace, 'schema.table'"),
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
      if (i.target !== 'table' && !isPostgresUrl(i.target)) rmSync(recsTempFile(i.target), { force: true });
    },
  },
  files: (i) => (i.target === 'table' || isPostgresUrl(i.target) ? [] : [{ path: i.target, mode: 'write' as const }]),
  async run(store, i, ctx) {
    const { target, pgTable, ...settings } = i;
    if (isPostgresUrl(target) !== (pgTable !== undefined)) throw new UserError('a postgres:// target and pgTable go together');
    const to: RecsTarget =
      target === 'table'
        ? { kind: 'table' }
        : pgTable
          ? { kind: 'postgres', endpoint: postgresEndpoint(target), table: pgTable }
          : { kind: 'file', path: target };
    const res = await recommendProducts(store, settings, to, ctx.log, ctx.progress);
    const where =
      to.kind === 'table' ? `table ${RECS_TABLE}` : to.kind === 'postgres' ? `${postgresLabel(to.endpoint)}#${pgTable}` : to.path;
    // model: the one fitted (auto resolved); auto: how it was chosen, with its measured quality
    return { ...res, target: where, requested: i.model };
  },
});
