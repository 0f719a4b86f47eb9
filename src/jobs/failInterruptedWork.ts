// After a crash (kill -9, power loss) nothing may stay "running": when a store is opened by its
// new owner (a server starting, or an in-process CLI, which DuckDB's lock proves is alone), jobs
// left queued or running are marked failed, and TORs left 'computing' go to Error with a message.
// Their last good results are untouched (results are swapped in by one transaction).
import { failInterruptedJobs } from '../store/jobTable.ts';
import type { Store } from '../store/store.ts';

const REASON = 'interrupted: the process running it stopped (crash or kill) before it finished';

export async function failInterruptedWork(store: Store): Promise<{ jobs: number; tors: number }> {
  const jobs = await failInterruptedJobs(store, REASON);
  const tors = await store.all<{ tor_id: string }>(`SELECT tor_id FROM tors WHERE status = 'computing'`);
  if (tors.length) {
    await store.run(
      `UPDATE tors SET status = 'error', error = ?, progress = NULL, updated_at = now()::TIMESTAMP WHERE status = 'computing'`,
      [`compute ${REASON}; the last good result is kept — recompute to try again`],
    );
  }
  return { jobs: jobs.length, tors: tors.length };
}
