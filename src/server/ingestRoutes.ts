// Real-time ingestion of order lines: stored in one transaction, those customers' recommendations
// refreshed from the server's loaded model without retraining. Same schema and answer as the
// orderLines.ingest op the CLI calls in-process (events are a plain op: src/ops/eventsIngestOp.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ingestOp, purchasesFromLines } from '../ops/ingestOp.ts';
import { orderLinesSchema } from '../ops/ingestSchemas.ts';
import type { ServerContext } from './serverContext.ts';
import { opChanged } from './opChanged.ts';

export function registerIngestRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    ingestOp.path,
    {
      config: { access: ingestOp.access, action: ingestOp.name },
      schema: { operationId: ingestOp.name, summary: ingestOp.summary, tags: ['ingest'], body: orderLinesSchema },
    },
    async (req) => {
      const out = await ctx.live.ingest(purchasesFromLines(req.body.lines));
      await opChanged(ctx.changes, ingestOp.name, req.body, out);
      return out;
    },
  );
  // The in-memory index (and the model's worker thread) closes with the app.
  app.addHook('onClose', async () => {
    await ctx.live.close();
  });
}
