// Enqueues a run as a BullMQ flow (one child job per shard, a parent that completes when every
// shard's score file is there) and waits for the parent. Polls rather than subscribing, so a Redis
// outage is noticed: a run Redis forgot (restarted without persistence) is enqueued again — shards
// already scored are reused from their files — and an outage longer than `redisDownMs` is an error.
import { randomUUID } from 'node:crypto';
import { FlowProducer, Queue, type ConnectionOptions } from 'bullmq';
import { UserError } from '../domain/errors.ts';
import { RUN_QUEUE, SHARD_QUEUE, redisConnection, type RunJobData, type ShardJobData } from './redisConnection.ts';
import { readScores, runDirOf, scoresFile } from './shardFiles.ts';

export interface FlowOptions {
  redis: string;
  shared: string;
  /** Give up when the run has not finished after this long (no workers, all of them stuck). */
  timeoutMs: number;
  /** Give up when Redis has been unreachable for this long. */
  redisDownMs: number;
  log: (line: string) => void;
}

const POLL_MS = 300;
const MAX_REQUEUES = 3;
/** How long the first enqueue may wait for Redis before the compute says it cannot reach it. */
const CONNECT_MS = 5000;
const KEEP = { age: 24 * 3600 };

async function scoredShards(o: FlowOptions, run: RunJobData): Promise<number> {
  const dir = runDirOf(o.shared, run.runId);
  let n = 0;
  for (const s of run.shards) if (await readScores(scoresFile(dir, s.shard), s.rows, run.offers)) n++;
  return n;
}

export async function awaitShardFlow(o: FlowOptions, run: RunJobData): Promise<void> {
  const connection = redisConnection(o.redis, false);
  const flow = new FlowProducer({ connection });
  const runs = new Queue<RunJobData>(RUN_QUEUE, { connection });
  let lastError = '';
  // Connection errors come back from the polls below; the emitters' copies would crash the process.
  flow.on('error', (err: Error) => (lastError = err.message));
  runs.on('error', (err: Error) => (lastError = err.message));
  const enqueue = async () => {
    const children = run.shards.map((s) => ({
      name: 'shard',
      queueName: SHARD_QUEUE,
      data: { runId: run.runId, shard: s.shard, rows: s.rows, offers: run.offers } satisfies ShardJobData,
      opts: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 500 },
        failParentOnFailure: true,
        removeOnComplete: KEEP,
        removeOnFail: KEEP,
      },
    }));
    const jobId = `${run.runId}-${randomUUID()}`;
    await flow.add({ name: 'run', queueName: RUN_QUEUE, data: run, opts: { jobId, attempts: 3, removeOnComplete: KEEP }, children });
    return jobId;
  };
  try {
    let id: string;
    try {
      id = await withinMs(
        enqueue(),
        CONNECT_MS,
        () => new Error(`no connection within ${CONNECT_MS / 1000} s (${lastError || 'no answer'})`),
      );
    } catch (e) {
      throw new UserError(`cannot enqueue the distributed compute on Redis at ${o.redis}: ${(e as Error).message}`);
    }
    o.log(`enqueued run ${run.runId}: ${run.shards.length} shards`);
    const started = Date.now();
    let downSince: number | null = null;
    let requeues = 0,
      done = -1;
    for (;;) {
      if (Date.now() - started > o.timeoutMs)
        throw new UserError(
          `distributed compute: run ${run.runId} not finished after ${Math.round(o.timeoutMs / 1000)} s ` +
            `(are workers running? nextbest worker --redis ${o.redis} --shared DIR)`,
        );
      await new Promise((r) => setTimeout(r, POLL_MS));
      const n = await scoredShards(o, run);
      if (n !== done) o.log(`${(done = n)}/${run.shards.length} shards scored`);
      try {
        const job = await runs.getJob(id);
        downSince = null;
        if (!job) {
          if (++requeues > MAX_REQUEUES) throw new UserError(`distributed compute: Redis lost run ${run.runId} ${MAX_REQUEUES} times`);
          o.log(`Redis no longer holds run ${run.runId} (restarted without persistence?): enqueued again, scored shards are reused`);
          id = await enqueue();
          continue;
        }
        const state = await job.getState();
        if (state === 'completed') return;
        if (state === 'failed')
          throw new UserError(`distributed compute failed: ${await shardFailure(connection, run.runId, job.failedReason)}`);
      } catch (e) {
        if (e instanceof UserError) throw e;
        lastError = (e as Error).message;
        downSince ??= Date.now();
        if (Date.now() - downSince > o.redisDownMs)
          throw new UserError(
            `distributed compute: Redis at ${o.redis} unreachable for ${Math.round(o.redisDownMs / 1000)} s: ${lastError}`,
          );
      }
    }
  } finally {
    // close() waits for a connection that may never come: bounded, then the sockets are dropped.
    await withinMs(Promise.allSettled([flow.close(), runs.close()]), 2000, () => new Error('close')).catch(() => {
      void flow.disconnect();
      void runs.disconnect();
    });
  }
}

/** The failed shard's own error (the parent only says that a child failed). */
async function shardFailure(connection: ConnectionOptions, runId: string, parentReason: string): Promise<string> {
  const shards = new Queue<ShardJobData>(SHARD_QUEUE, { connection });
  try {
    const failed = (await shards.getFailed(0, 200)).find((j) => j.data.runId === runId);
    return failed ? `shard ${failed.data.shard}: ${failed.failedReason}` : parentReason;
  } catch {
    return parentReason;
  } finally {
    await shards.close();
  }
}

function withinMs<T>(p: Promise<T>, ms: number, err: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(err()), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
