// tor.compute: score, rank and assign offers for every customer of a TOR (a job).
import { z } from 'zod';
import { computeTor } from '../tor/computeTor.ts';
import { getTor, setTorStatus } from '../store/torTable.ts';
import { defineOp } from './op.ts';

export const torComputeOp = defineOp({
  name: 'tor.compute',
  summary: 'Compute a TOR: score, rank and assign offers for every customer (runs as a job)',
  method: 'POST',
  path: '/v1/tors/:id/compute',
  access: 'write',
  input: z.object({ id: z.string().min(1).describe('TOR id, e.g. tor-1') }),
  job: {
    lock: (i) => `tor:${i.id}`,
    // A cancelled or crashed compute leaves the TOR in Error; its last good result stays.
    async onAbort(store, i, message) {
      const tor = await getTor(store, i.id).catch(() => null);
      if (tor?.status === 'computing') await setTorStatus(store, i.id, 'error', { error: `compute ${message}` });
    },
  },
  run: (store, i, ctx) => computeTor(store, i.id, (f, stage) => ctx.progress(f, stage)),
});
