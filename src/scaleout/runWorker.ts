// A scale-out worker: takes shard jobs (scored in a sandboxed child process) and run jobs (the flow's
// parent: it completes once every shard's score file is there and complete) from Redis. Needs only
// Redis and the shared directory, never the DuckDB store, so it runs on any machine that has both.
import { Worker, type Job } from 'bullmq';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { UserError } from '../domain/errors.ts';
import { RUN_QUEUE, SHARD_QUEUE, redisConnection, type RunJobData } from './redisConnection.ts';
import { readScores, runDirOf, scoresFile } from './shardFiles.ts';

export interface WorkerOptions {
  redis: string;
  shared: string;
  /** Shards scored at once by this worker (one child process each). */
  concurrency: number;
  /** How long a shard's lock lasts without renewal; a dead worker's shard is taken over after about this long. */
  lockMs: number;
  log: (line: string) => void;
}

/** The processor file: the .ts source under tsx in a checkout, the compiled .js in a build. */
function processorFile() {
  const ts = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(new URL(`./scoreShardProcessor.${ts ? 'ts' : 'js'}`, import.meta.url));
  // The child is a fresh node: it needs the TypeScript loader when the sources are TypeScript.
  const execArgv = ts ? [...process.execArgv, '--import', import.meta.resolve('tsx')] : process.execArgv;
  return { file, execArgv };
}

async function checkRun(job: Job<RunJobData>, shared: string) {
  const dir = runDirOf(shared, job.data.runId);
  for (const s of job.data.shards) {
    if (!(await readScores(scoresFile(dir, s.shard), s.rows, job.data.offers)))
      throw new Error(`run ${job.data.runId}: shard ${s.shard}'s score file is missing or incomplete`);
  }
  return { shards: job.data.shards.length };
}

export async function runWorker(o: WorkerOptions): Promise<{ close(): Promise<void> }> {
  const shared = resolve(o.shared);
  if (!(await stat(shared).catch(() => null))?.isDirectory()) throw new UserError(`--shared: ${o.shared} is not a directory`);
  const connection = redisConnection(o.redis, true);
  const { file, execArgv } = processorFile();
  const common = { connection, lockDuration: o.lockMs, stalledInterval: Math.max(1000, Math.floor(o.lockMs / 2)), maxStalledCount: 3 };
  const shards = new Worker(SHARD_QUEUE, file, {
    ...common,
    concurrency: o.concurrency,
    useWorkerThreads: false,
    workerForkOptions: { execArgv, env: { ...process.env, NEXTBEST_SHARED: shared } },
  });
  const runs = new Worker<RunJobData>(RUN_QUEUE, (job) => checkRun(job, shared), { ...common, concurrency: 1 });
  shards.on('completed', (job, r: { reused: boolean }) =>
    o.log(`shard ${job.data.shard} of run ${job.data.runId}: ${r.reused ? 'already scored' : 'scored'}`),
  );
  shards.on('failed', (job, e) => o.log(`shard ${job?.data.shard} of run ${job?.data.runId} failed: ${e.message}`));
  for (const w of [shards, runs]) w.on('error', (e) => o.log(`redis: ${e.message}`));
  await Promise.all([shards.waitUntilReady(), runs.waitUntilReady()]);
  o.log(`worker ready: redis ${o.redis}, shared ${shared}, ${o.concurrency} shard(s) at once`);
  return {
    async close() {
      await Promise.all([shards.close(), runs.close()]);
    },
  };
}
