// Runs long operations as jobs: each in its own worker thread (the event loop stays free for the
// API), on its own DuckDB connection (its own transactions and temp tables), with progress,
// cancel, a stored record, and events for subscribers (server-sent events). At most
// `concurrency` run at once; the rest wait in order. Jobs sharing a lock key are refused (409).
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { MessageChannel, type Worker } from 'node:worker_threads';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { WireError } from '../domain/wireError.ts';
import { jobError } from './jobError.ts';
import { moduleWorker, siblingModule } from '../math/moduleWorker.ts';
import type { Op } from '../ops/op.ts';
import { serveStorePort } from '../store/serveStorePort.ts';
import type { Store } from '../store/store.ts';
import { getJobRecord, listJobRecords, saveJob, type JobRecord, type JobStatus } from '../store/jobTable.ts';
import type { JobMessage } from './jobWorker.ts';

export type JobEvent =
  { type: 'progress'; progress: number; stage: string } | { type: 'log'; line: string } | { type: 'end'; job: JobRecord };

interface Live {
  record: JobRecord;
  op: Op;
  lock: string | null;
  worker: Worker | null;
  store: Store | null;
  logs: string[];
  cancelled: boolean;
  lastSaved: number;
  /** Run off the event loop for an in-request answer: no stored record, not in the job list. */
  transient: boolean;
  finished: Promise<void>;
  finish: () => void;
}

const nowIso = () => new Date().toISOString();

export class JobRunner {
  private readonly live = new Map<string, Live>();
  private readonly queue: Live[] = [];
  private readonly events = new EventEmitter();
  private running = 0;
  private closing = false;
  private readonly successHooks: ((op: Op, input: unknown, result: unknown) => Promise<void>)[] = [];

  constructor(
    private readonly root: Store,
    private readonly concurrency = 3,
  ) {
    this.events.setMaxListeners(0);
  }

  /** Queues a job; throws ConflictError when a job with the same lock key is live. */
  async start(op: Op, input: unknown, actor: string, opts: { transient?: boolean } = {}): Promise<JobRecord> {
    if (this.closing) throw new ConflictError('the server is shutting down; try again when it is back');
    const lock = op.job?.lock?.(input as never) ?? null;
    if (lock) this.assertUnlocked(lock);
    const record: JobRecord = {
      jobId: `job-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
      op: op.name,
      input,
      status: 'queued',
      progress: 0,
      stage: 'queued',
      result: null,
      error: null,
      errorName: null,
      errorDetails: null,
      actor,
      createdAt: nowIso(),
      startedAt: null,
      finishedAt: null,
    };
    let finish!: () => void;
    const finished = new Promise<void>((r) => (finish = r));
    const transient = opts.transient ?? false;
    const l: Live = { record, op, lock, worker: null, store: null, logs: [], cancelled: false, lastSaved: 0, transient, finished, finish };
    this.live.set(record.jobId, l);
    await this.save(l);
    this.queue.push(l);
    this.pump();
    return { ...record };
  }

  /** Throws ConflictError while a queued or running job holds lock key `lock` (e.g. 'tor:tor-1'). */
  assertUnlocked(lock: string): void {
    for (const l of this.live.values()) {
      if (l.lock === lock)
        throw new ConflictError(`${lock.replace(':', ' ')} is busy with job ${l.record.jobId} (${l.record.op}); wait for it to finish`);
    }
  }

  /** The live state of a job, or its stored record. */
  async get(jobId: string): Promise<JobRecord> {
    const l = this.live.get(jobId);
    if (l) return { ...l.record };
    const r = await getJobRecord(this.root, jobId);
    if (!r) throw new NotFoundError(`no job ${jobId}`);
    return r;
  }

  async list(opts: { limit: number; status?: JobStatus }): Promise<JobRecord[]> {
    return listJobRecords(this.root, opts);
  }

  /** Log lines so far (live jobs only), for a subscriber that joins late. */
  logsOf(jobId: string): string[] {
    return [...(this.live.get(jobId)?.logs ?? [])];
  }

  /**
   * Awaited before a successful job is shown as succeeded (e.g. the server's in-memory index
   * reloads the results), so a client that sees 'succeeded' reads the new results.
   */
  beforeSuccess(fn: (op: Op, input: unknown, result: unknown) => Promise<void>): void {
    this.successHooks.push(fn);
  }

  /** Calls `fn` whenever a job ends (any status), with its op. */
  onEnd(fn: (job: JobRecord, op: Op) => void): void {
    this.events.on('*end', fn);
  }

  /** Subscribes to a job's events; returns the unsubscribe function. */
  subscribe(jobId: string, fn: (e: JobEvent) => void): () => void {
    this.events.on(jobId, fn);
    return () => this.events.off(jobId, fn);
  }

  /** Resolves when the job has ended (immediately for ended jobs). */
  async wait(jobId: string): Promise<JobRecord> {
    const l = this.live.get(jobId);
    if (!l) return this.get(jobId);
    await l.finished;
    return { ...l.record };
  }

  /**
   * Runs an op in a worker thread and answers its result (or throws its error): for requests whose
   * work is too heavy for the event loop but whose caller waits for the answer (e.g. insights).
   */
  async runNow(op: Op, input: unknown, actor: string): Promise<unknown> {
    const job = await this.wait((await this.start(op, input, actor, { transient: true })).jobId);
    if (job.status === 'succeeded') return job.result;
    throw jobError(job);
  }

  /** Cancels a queued or running job: its worker is stopped and its open transaction rolled back. */
  async cancel(jobId: string): Promise<JobRecord> {
    const l = this.live.get(jobId);
    if (!l) {
      const r = await this.get(jobId);
      throw new ConflictError(`job ${jobId} has already ended (${r.status})`);
    }
    l.cancelled = true;
    const qi = this.queue.indexOf(l);
    if (qi >= 0) {
      this.queue.splice(qi, 1);
      await this.end(l, 'cancelled', null, { name: 'Cancelled', message: 'cancelled before it started' });
    } else {
      await l.worker?.terminate();
    }
    await l.finished;
    return this.get(jobId);
  }

  /** Stops taking jobs; waits up to `graceMs` for running ones, then cancels what is left. */
  async close(graceMs = 10_000): Promise<void> {
    this.closing = true;
    for (const l of [...this.queue]) await this.cancel(l.record.jobId);
    const all = Promise.all([...this.live.values()].map((l) => l.finished));
    const timer = new Promise((r) => setTimeout(r, graceMs).unref());
    await Promise.race([all, timer]);
    for (const l of [...this.live.values()]) await this.cancel(l.record.jobId).catch(() => {});
  }

  get activeCount(): number {
    return this.live.size;
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length) {
      const l = this.queue.shift()!;
      this.running++;
      void this.execute(l).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async execute(l: Live): Promise<void> {
    const r = l.record;
    try {
      l.store = await this.root.fork();
      r.status = 'running';
      r.startedAt = nowIso();
      r.stage = 'starting';
      await this.save(l);
      const channel = new MessageChannel();
      serveStorePort(channel.port1, l.store);
      const worker = moduleWorker(
        siblingModule('jobWorker', import.meta.url),
        { opName: l.op.name, input: r.input, storePath: this.root.path, storePort: channel.port2, actor: r.actor },
        [channel.port2],
      );
      l.worker = worker;
      const outcome = await new Promise<{ result?: unknown; error?: WireError }>((resolve) => {
        worker.on('message', (m: JobMessage) => {
          if (m.type === 'progress') this.progress(l, m.fraction, m.stage);
          else if (m.type === 'log') {
            l.logs.push(m.line);
            this.events.emit(r.jobId, { type: 'log', line: m.line });
          } else if (m.type === 'done') resolve({ result: m.result });
          else resolve({ error: m.error });
        });
        worker.on('error', (e: Error) => resolve({ error: { name: 'Error', message: `the job's worker crashed: ${e.message}` } }));
        worker.on('exit', () =>
          resolve({
            error: l.cancelled ? { name: 'Cancelled', message: 'cancelled' } : { name: 'Error', message: 'the job stopped unexpectedly' },
          }),
        );
      });
      channel.port1.close();
      await worker.terminate();
      if (outcome.error) await this.end(l, l.cancelled ? 'cancelled' : 'failed', null, outcome.error);
      else await this.end(l, 'succeeded', outcome.result, null);
    } catch (e) {
      await this.end(l, 'failed', null, { name: (e as Error).name, message: (e as Error).message });
    }
  }

  private async save(l: Live): Promise<void> {
    if (!l.transient) await saveJob(this.root, l.record);
  }

  private progress(l: Live, fraction: number, stage: string): void {
    l.record.progress = Math.max(0, Math.min(1, fraction));
    l.record.stage = stage;
    this.events.emit(l.record.jobId, { type: 'progress', progress: l.record.progress, stage });
    const now = Date.now();
    if (now - l.lastSaved > 500) {
      l.lastSaved = now;
      void this.save(l).catch(() => {});
    }
  }

  private async end(l: Live, status: JobStatus, result: unknown, error: WireError | null): Promise<void> {
    const r = l.record;
    if (l.store) {
      // A cancelled or crashed worker may have left a transaction open on its connection.
      if (status !== 'succeeded') await l.store.run('ROLLBACK').catch(() => {});
      if (status !== 'succeeded' && l.op.job?.onAbort) {
        const why = status === 'cancelled' ? 'cancelled' : (error?.message ?? 'failed');
        await l.op.job.onAbort(l.store, r.input as never, why).catch(() => {});
      }
      l.store.close();
      l.store = null;
    }
    if (status === 'succeeded' && !l.transient) {
      for (const hook of this.successHooks) await hook(l.op, r.input, result).catch(() => {});
    }
    // The work is over: free its lock as the status says so, or a caller that sees 'succeeded' and
    // edits at once would be refused while the record is still being saved.
    l.lock = null;
    r.status = status;
    r.finishedAt = nowIso();
    r.result = result;
    r.error = error?.message ?? null;
    r.errorName = error?.name ?? null;
    r.errorDetails = error?.problems ? { problems: error.problems, total: error.total ?? error.problems.length } : null;
    if (status === 'succeeded') {
      r.progress = 1;
      r.stage = 'done';
    }
    await this.save(l).catch(() => {});
    this.live.delete(r.jobId);
    this.events.emit(r.jobId, { type: 'end', job: { ...r } });
    if (!l.transient) this.events.emit('*end', { ...r }, l.op);
    l.finish();
  }
}
