// Real-time reads for apps and CRMs (service keys may call them), answered from the in-memory
// index (src/live/): a customer's offers in a TOR, their product recommendations, their profile.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from './serverContext.ts';

const params = z.object({ id: z.string().min(1).max(200).describe('customer id') });

export function registerRealtimeRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['realtime'];

  r.get(
    '/v1/customers/:id/offers',
    {
      config: { access: 'realtime', action: 'customers.offers' },
      schema: {
        operationId: 'customers.offers',
        tags,
        params,
        summary: "A customer's offers in a TOR, in priority order with score and reason (from memory)",
        querystring: z.object({
          tor: z.string().min(1).max(200).optional().describe('TOR id; default the latest computed TOR that is Ready or Exported'),
        }),
      },
    },
    async (req) => ctx.live.offersFor(req.params.id, req.query.tor),
  );

  r.get(
    '/v1/customers/:id/recommendations',
    {
      config: { access: 'realtime', action: 'customers.recommendations' },
      schema: {
        operationId: 'customers.recommendations',
        tags,
        params,
        summary: "A customer's product recommendations in the DinMo columns (from memory; refreshed by ingested purchases)",
        querystring: z.object({
          top: z.coerce
            .number()
            .int()
            .min(1)
            .max(100)
            .optional()
            .describe('products to return; default the length of the computed lists (recommend --top, 10)'),
          filter: z
            .string()
            .regex(/^[^=:]+[=:].+$/, 'use attribute:value, e.g. family:candles')
            .optional()
            .describe('only products whose attribute has this value, e.g. family:candles'),
        }),
      },
    },
    async (req) => ctx.live.recommendationsFor(req.params.id, req.query.top, req.query.filter),
  );

  r.get(
    '/v1/customers/:id',
    {
      config: { access: 'realtime', action: 'customers.show' },
      schema: {
        operationId: 'customers.show',
        tags,
        params,
        summary:
          'A customer: attributes, computed features (recency, frequency, monetary, AOV, tenure, CLV tier), RFM segment, history summary',
      },
    },
    async (req) => ctx.live.customer(req.params.id),
  );
}
