// tor.compute: score, rank and assign offers for every customer of a TOR (a job).
import { z } from 'zod';
import { computeTor } from '../tor/computeTor.ts';
import { computeTorDistributed } from '../scaleout/computeTorDistributed.ts';
import { getTor, setTorStatus } from '../store/torTable.ts';
import { defineOp } from './op.ts';

export const torComputeOp = defineOp({
  name: 'tor.compute',
  summary: 'Compute a TOR: score, rank and assign offers for every customer (runs as a job)',
  method: 'POST',
  path: '/v1/tors/:id/compute',
  access: 'write',
  input: z.object({
    id: z.string().min(1).describe('TOR id, e.g. tor-1'),
    distributed: z
      .object({
        redis: z.string().min(1).describe('Redis URL the workers listen on, e.g. redis://10.0.0.5:6379'),
        shards: z.number().int().min(1).max(10_000).describe('customer shards (hash of the customer id)'),
        shared: z.string().min(1).describe('directory shared with the workers (model, history partitions, shard scores)'),
        timeoutSeconds: z.number().int().min(1).optional().describe('give up after this long (default 3600)'),
      })
      .optional()
      .describe('score on `nextbest worker` processes through Redis (BullMQ) instead of in this process'),
  }),
  job: {
    lock: (i) => `tor:${i.id}`,
    // A cancelled or crashed compute leaves the TOR in Error; its last good result stays.
    async onAbort(store, i, message) {
      const tor = await getTor(store, i.id).catch(() => null);
      if (tor?.status === 'computing') await setTorStatus(store, i.id, 'error', { error: `compute ${message}` });
    },
  },
  // API keys may share only the server's allowed folders (`serve --files`) with workers.
  files: (i) => (i.distributed ? [{ path: i.distributed.shared, mode: 'write' as const }] : []),
  run: (store, i, ctx) =>
    i.distributed
      ? computeTorDistributed(store, i.id, i.distributed, (f, stage) => ctx.progress(f, stage))
      : computeTor(store, i.id, (f, stage) => ctx.progress(f, stage)),
});
