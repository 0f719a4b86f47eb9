// The sandboxed processor of shard jobs: BullMQ runs this file in a child process of `nextbest
// worker`, so CPU-heavy scoring never blocks the worker's lock renewal. Idempotent: a complete score
// file from an earlier delivery is kept as it is; otherwise the scores are computed and written
// atomically. The same inputs give the same bytes, so a duplicate delivery changes nothing.
import { hostname } from 'node:os';
import type { SandboxedJob } from 'bullmq';
import { readContext, readInput, readScores, runDirOf, scoresBytes, scoresFile, writeReplacing } from './shardFiles.ts';
import { scoreShard } from './scoreShard.ts';
import type { ShardJobData } from './redisConnection.ts';

// A worker killed with -9 cannot stop its children: exit when the IPC channel to it closes, so no
// orphan keeps scoring a shard that another worker has taken over.
process.once('disconnect', () => process.exit(1));

export default async function scoreShardJob(job: SandboxedJob<ShardJobData>) {
  const shared = process.env.NEXTBEST_SHARED;
  if (!shared) throw new Error('worker started without a shared directory (NEXTBEST_SHARED)');
  const { runId, shard, rows, offers } = job.data;
  const dir = runDirOf(shared, runId);
  const out = scoresFile(dir, shard);
  const who = `${hostname()}:${process.ppid}`;
  if (await readScores(out, rows, offers)) return { shard, reused: true, worker: who };
  const [ctx, input] = await Promise.all([readContext(dir), readInput(dir, shard)]);
  if (input.customers.length !== rows)
    throw new Error(`shard ${shard} of run ${runId}: input has ${input.customers.length} rows, job says ${rows}`);
  // Test hook: slows a shard down so a test can kill its worker mid-shard.
  const delay = Number(process.env.NEXTBEST_SHARD_DELAY_MS ?? 0);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  const scores = scoreShard(ctx, input);
  await writeReplacing(out, scoresBytes(rows, offers, scores));
  return { shard, reused: false, worker: who };
}
