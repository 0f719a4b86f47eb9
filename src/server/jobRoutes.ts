// Jobs: list, one, its events (server-sent: progress, log, end), cancel.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from './serverContext.ts';

const idParams = z.object({ id: z.string().min(1).describe('job id') });

export function registerJobRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/v1/jobs',
    {
      config: { access: 'read' },
      schema: {
        summary: 'Recent jobs, newest first',
        tags: ['jobs'],
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(1000).default(50),
          status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']).optional(),
        }),
      },
    },
    async (req) => ({ jobs: await ctx.jobs.list(req.query) }),
  );

  r.get(
    '/v1/jobs/:id',
    {
      config: { access: 'read' },
      schema: { summary: 'A job: status, progress, stage, result or error', tags: ['jobs'], params: idParams },
    },
    async (req) => ({ job: await ctx.jobs.get(req.params.id) }),
  );

  r.post(
    '/v1/jobs/:id/cancel',
    {
      config: { access: 'write', action: 'job.cancel' },
      schema: { summary: 'Cancel a queued or running job', tags: ['jobs'], params: idParams },
    },
    async (req) => ({ job: await ctx.jobs.cancel(req.params.id) }),
  );

  r.get(
    '/v1/jobs/:id/events',
    {
      config: { access: 'read' },
      schema: { summary: 'Server-sent events of a job: progress, log, end (then the stream closes)', tags: ['jobs'], params: idParams },
    },
    async (req, reply) => {
      const job = await ctx.jobs.get(req.params.id);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      let closed = false;
      const send = (event: string, data: unknown) => {
        if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      if (job.status !== 'queued' && job.status !== 'running') {
        send('end', { job });
        res.end();
        return;
      }
      const unsubscribe = ctx.jobs.subscribe(job.jobId, (e) => {
        if (e.type === 'progress') send('progress', { progress: e.progress, stage: e.stage });
        else if (e.type === 'log') send('log', { line: e.line });
        else {
          send('end', { job: e.job });
          close();
        }
      });
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(keepAlive);
        unsubscribe();
        res.end();
      };
      req.raw.on('close', () => {
        closed = true;
        clearInterval(keepAlive);
        unsubscribe();
      });
      for (const line of ctx.jobs.logsOf(job.jobId)) send('log', { line });
      // The job may have ended between the read above and subscribing.
      const now = await ctx.jobs.get(job.jobId);
      if (now.status !== 'queued' && now.status !== 'running') {
        send('end', { job: now });
        close();
        return;
      }
      send('progress', { progress: now.progress, stage: now.stage });
    },
  );
}
