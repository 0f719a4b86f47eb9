// An API server in-process for tests: a store (tiny retail by default), the full app, and one
// key per role. Requests go through `app.inject` (no socket). Close it at the end.
import { tmpdir } from 'node:os';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApiKey } from '../../src/access/apiKeys.ts';
import { ROLES, type Role } from '../../src/ops/access.ts';
import { buildApp } from '../../src/server/buildApp.ts';
import { serverContext } from '../../src/server/startServer.ts';
import type { ServerContext } from '../../src/server/serverContext.ts';
import type { Store } from '../../src/store/store.ts';
import { tinyRetailStore } from './tinyRetail.ts';

export interface ApiHarness {
  app: FastifyInstance;
  ctx: ServerContext;
  store: Store;
  keys: Record<Role, string>;
  /** A request as `role` (or with no key when role is null). */
  call(role: Role | null, method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function apiHarness(store?: Store, opts: { rateLimit?: number } = {}): Promise<ApiHarness> {
  const s = store ?? (await tinyRetailStore());
  const keys = {} as Record<Role, string>;
  for (const role of ROLES) keys[role] = (await createApiKey(s, { role, name: `test-${role}` })).key;
  const ctx = await serverContext(s, { rateLimit: opts.rateLimit ?? 100_000, fileRoots: [tmpdir(), process.cwd()] });
  const app = await buildApp(ctx, { version: 'test' });
  await app.ready();
  ctx.ready.value = true;
  return {
    app,
    ctx,
    store: s,
    keys,
    call: (role, method, url, body) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: role ? { authorization: `Bearer ${keys[role]}` } : {},
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    async close() {
      await ctx.jobs.close(5_000);
      await app.close();
      s.close();
    },
  };
}

/** Polls a job until it ends; returns its record. */
export async function waitForJob(h: ApiHarness, jobId: string, role: Role = 'admin'): Promise<Record<string, unknown>> {
  for (;;) {
    const r = await h.call(role, 'GET', `/v1/jobs/${jobId}`);
    const job = r.json().job as Record<string, unknown>;
    if (job.status !== 'queued' && job.status !== 'running') return job;
    await new Promise((res) => setTimeout(res, 50));
  }
}
