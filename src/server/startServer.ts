// `nextbest serve`: opens the store and holds it (DuckDB allows one process), marks work a crash
// interrupted as failed, starts the job runner, listens, writes the discovery file (URL, pid,
// per-start token; 0600) beside the store, and shuts down cleanly on SIGTERM/SIGINT.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../access/audit.ts';
import { removeDiscovery, writeDiscovery } from '../client/discovery.ts';
import { failInterruptedWork } from '../jobs/failInterruptedWork.ts';
import { JobRunner } from '../jobs/jobRunner.ts';
import { LiveIndex } from '../live/liveIndex.ts';
import { Store } from '../store/store.ts';
import { packageVersion } from '../domain/packageVersion.ts';
import { buildApp } from './buildApp.ts';
import { Principals } from './principal.ts';
import { opChanged } from './opChanged.ts';
import type { ServerContext } from './serverContext.ts';
import { keepEventLoopFirst } from './eventLoopFirst.ts';

export interface ServeOptions {
  db: string;
  port: number;
  host: string;
  /** Requests per second per key. */
  rateLimit?: number;
  /** Jobs running at once. */
  concurrency?: number;
  /** Folders API callers may import from and export to (default: the store's folder). */
  fileRoots?: string[];
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  ctx: ServerContext;
  token: string;
  close(): Promise<void>;
}

function webRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const p = join(dir, 'web', 'dist');
    if (existsSync(join(p, 'index.html'))) return p;
    dir = dirname(dir);
  }
  return null;
}

/** Builds everything around an open store (tests use this with an in-memory store and inject). */
export interface ContextOptions {
  rateLimit?: number;
  concurrency?: number;
  token?: string;
  fileRoots?: string[];
}

/** The allowed folders: as given, else the store's own folder (the working directory for ':memory:'). */
function fileRootsFrom(store: Store, given: string[] | undefined): string[] {
  const roots = given?.length ? given : [store.path === ':memory:' ? process.cwd() : dirname(resolve(store.path))];
  return roots.map((r) => resolve(r));
}

export async function serverContext(store: Store, opts: ContextOptions = {}): Promise<ServerContext & { token: string }> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const principals = new Principals(store, token);
  await principals.reloadKeys();
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  const jobs = new JobRunner(store, opts.concurrency ?? 3);
  // Real-time reads answer from memory: loaded before the server is ready, refreshed after ops.
  const live = await LiveIndex.load(store, (line) => process.stderr.write(`${line}\n`));
  live.subscribe(changes);
  const ctx = {
    store,
    jobs,
    principals,
    changes,
    live,
    rateLimit: opts.rateLimit ?? 2000,
    webRoot: webRoot(),
    fileRoots: fileRootsFrom(store, opts.fileRoots),
    ready: { value: false },
    token,
  };
  // Caches (the real-time index, keys) refresh before a job is shown as succeeded: read-your-writes.
  jobs.beforeSuccess((op, input, result) => opChanged(changes, op.name, input, result));
  jobs.onEnd((job, op) => {
    // The request was audited as 'accepted'; this records how the job ended.
    void appendAudit(store, {
      actor: job.actor ?? 'unknown',
      role: null,
      action: `${op.name} (job ended)`,
      target: job.jobId,
      outcome: job.status,
      detail: job.error,
    }).catch(() => {});
  });
  changes.on('op', async (name: string) => {
    if (name.startsWith('keys.')) await principals.reloadKeys();
  });
  return ctx;
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const say = o.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const path = resolve(o.db);
  const store = await Store.open(path);
  const recovered = await failInterruptedWork(store);
  if (recovered.jobs || recovered.tors)
    say(
      `recovered after a crash: ${recovered.jobs} interrupted job(s) marked failed, ${recovered.tors} TOR(s) left computing set to Error`,
    );
  const ctx = await serverContext(store, o);
  const app = await buildApp(ctx, { version: packageVersion() });
  await app.listen({ port: o.port, host: o.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`;
  ctx.ready.value = true;
  const stopPriority = keepEventLoopFirst();
  writeDiscovery(path, { url, pid: process.pid, token: ctx.token, store: path, startedAt: new Date().toISOString() });
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      ctx.ready.value = false;
      stopPriority();
      // Stop accepting now; in-flight requests finish. Job event streams end when their jobs do, so
      // the jobs are wound down (finished within the grace period, else cancelled — a cancelled
      // compute leaves its TOR in Error with the last good result) before the close completes.
      const stopped = app.close();
      await ctx.jobs.close(10_000);
      await stopped;
      removeDiscovery(path);
      store.close();
    })());
  return { url, app, ctx, token: ctx.token, close };
}
