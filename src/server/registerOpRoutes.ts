// One REST route per op. Path params come from the op's path; the other input fields are the
// query string (GET/DELETE) or the JSON body. Jobs answer 202 with their URL; others answer
// the op's JSON result, each on its own DuckDB connection.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ops } from '../ops/registry.ts';
import { plainJson, type Op } from '../ops/op.ts';
import type { ServerContext } from './serverContext.ts';
import { checkFileAccess } from './fileAccess.ts';
import { opChanged } from './opChanged.ts';

export function inputParts(op: Op): { params: z.ZodObject | null; rest: z.ZodObject | null } {
  const shape = op.input.shape as Record<string, z.ZodType>;
  const keys = [...op.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const params = Object.fromEntries(keys.map((k) => [k, shape[k] ?? z.string()]));
  const rest = Object.fromEntries(Object.entries(shape).filter(([k]) => !keys.includes(k)));
  return { params: keys.length ? z.object(params) : null, rest: Object.keys(rest).length ? z.object(rest) : null };
}

export async function runOpInRequest(ctx: ServerContext, op: Op, input: unknown, actor: string): Promise<unknown> {
  const store = await ctx.store.fork();
  try {
    const out = plainJson(await op.run(store, input, { actor, progress: () => {}, log: () => {} }));
    await opChanged(ctx.changes, op.name, input, out);
    return out;
  } finally {
    store.close();
  }
}

export function registerOpRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const op of ops) {
    const { params, rest } = inputParts(op);
    const inQuery = op.method === 'GET' || op.method === 'DELETE';
    r.route({
      method: op.method,
      url: op.path,
      config: { access: op.access, action: op.name },
      schema: {
        operationId: op.name,
        summary: op.summary,
        tags: [op.name.split('.')[0]],
        ...(params ? { params } : {}),
        ...(rest ? (inQuery ? { querystring: rest } : { body: rest }) : {}),
      },
      // A POST without a body (e.g. compute with only optional fields) is an empty object, not null.
      ...(rest && !inQuery
        ? {
            preValidation: async (req: { body: unknown }) => {
              if (req.body === null || req.body === undefined) req.body = {};
            },
          }
        : {}),
      handler: async (req, reply) => {
        const input = { ...(req.query as object), ...(req.body as object), ...(req.params as object) };
        const actor = req.principal?.actor ?? 'anonymous';
        for (const f of op.files?.(input as never) ?? []) checkFileAccess(ctx.fileRoots, req.principal, f);
        const lock = op.lockedBy?.(input as never);
        if (lock) ctx.jobs.assertUnlocked(lock);
        if (op.job) {
          const job = await ctx.jobs.start(op, input, actor);
          const url = `/v1/jobs/${job.jobId}`;
          return reply
            .code(202)
            .header('location', url)
            .send({ job, url, events: `${url}/events` });
        }
        if (typeof op.offThread === 'function' ? op.offThread(input as never) : op.offThread) {
          const out = await ctx.jobs.runNow(op, input, actor);
          await opChanged(ctx.changes, op.name, input, out);
          return reply.send(out);
        }
        return reply.send(await runOpInRequest(ctx, op, input, actor));
      },
    });
  }
}
