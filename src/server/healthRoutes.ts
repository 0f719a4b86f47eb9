// Liveness and readiness, without a key: /healthz answers while the process runs; /readyz once the
// store is open and the in-memory caches are loaded (503 before).
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from './serverContext.ts';

export function registerHealthRoutes(app: FastifyInstance, ctx: ServerContext, version: string): void {
  app.get('/healthz', { config: { public: true, rateLimit: false }, schema: { summary: 'Liveness', tags: ['health'] } }, async () => ({
    status: 'ok',
    version,
  }));
  app.get(
    '/readyz',
    { config: { public: true, rateLimit: false }, schema: { summary: 'Readiness', tags: ['health'] } },
    async (_req, reply) => {
      if (!ctx.ready.value) return reply.code(503).send({ status: 'starting' });
      return { status: 'ready', jobs: ctx.jobs.activeCount };
    },
  );
}
