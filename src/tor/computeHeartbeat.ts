// Marks a TOR compute as owned by this process while it runs: a row in tor_compute_runs written
// before the status turns 'computing', a heartbeat every few seconds, and the row removed when the
// compute ends (either way). A row left behind means the process died; failInterruptedWork sees it.
import type { Store } from '../store/store.ts';
import { beatComputeRun, deleteComputeRun, recordComputeRun } from '../store/torComputeRunTable.ts';
import { currentProcessStamp } from './processStamp.ts';

export const HEARTBEAT_SECONDS = 5;
/**
 * A run from another host is presumed dead after this long without a heartbeat. Generous, because
 * a long synchronous step on the computing thread delays its timer; on this host the pid decides.
 */
export const STALE_SECONDS = 60 * HEARTBEAT_SECONDS;

export interface ComputeHeartbeat {
  stop(): Promise<void>;
}

export async function startComputeHeartbeat(store: Store, torId: string, priorStatus: string): Promise<ComputeHeartbeat> {
  await recordComputeRun(store, torId, currentProcessStamp(), priorStatus);
  let beating: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    // A missed beat only makes the run look older; it must never fail the compute.
    beating = beatComputeRun(store, torId).catch(() => {});
  }, HEARTBEAT_SECONDS * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await beating;
      // Swallowed so the compute's own outcome stands; a leftover row on a TOR that is not computing is ignored.
      await deleteComputeRun(store, torId).catch(() => {});
    },
  };
}
