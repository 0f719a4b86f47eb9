// Redis connection options from a URL (redis://[user:password@]host:port[/db], rediss:// for TLS).
import type { ConnectionOptions } from 'bullmq';
import { UserError } from '../domain/errors.ts';

/**
 * `blocking`: workers wait on Redis forever and ride out restarts (maxRetriesPerRequest null, as
 * BullMQ requires); the coordinator's polls fail fast instead, so it can say that Redis is gone.
 */
export function redisConnection(url: string, blocking: boolean): ConnectionOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError(`--redis: '${url}' is not a URL (expected redis://host:port)`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new UserError(`--redis: '${url}' must start with redis:// or rediss://`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new UserError(`--redis: database '${u.pathname.slice(1)}' in '${url}' is not a number`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    db,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: blocking ? null : 1,
    ...(blocking ? {} : { enableOfflineQueue: false, retryStrategy: (n: number) => Math.min(200 * n, 1000) }),
  };
}

/** Queue names: shard scoring jobs (children) and run jobs (the flow's parent, which checks the shards). */
export const SHARD_QUEUE = 'nextbest-shards';
export const RUN_QUEUE = 'nextbest-runs';

export interface ShardJobData {
  runId: string;
  shard: number;
  rows: number;
  offers: number;
}

export interface RunJobData {
  runId: string;
  offers: number;
  shards: { shard: number; rows: number }[];
}
