// After a crash (kill -9, power loss) nothing may stay "running": when a store is opened by its
// new owner (a server starting, or an in-process CLI, which DuckDB's lock proves is alone), jobs
// left queued or running are marked failed, and TORs left 'computing' by a process that is gone
// (tor_compute_runs: pid, host, boot, heartbeat) go to Error with a message. A compute whose
// process is still alive is left alone. Last good results are untouched (results are swapped in by
// one transaction), and stay exportable when they were current before the compute.
import { failInterruptedJobs } from '../store/jobTable.ts';
import type { Store } from '../store/store.ts';
import { activeComputeRuns, markComputeRunInterrupted, type TorComputeRun } from '../store/torComputeRunTable.ts';
import { STALE_SECONDS } from '../tor/computeHeartbeat.ts';
import { stampLiveness } from '../tor/processStamp.ts';

const REASON = 'interrupted: the process running it stopped (crash or kill) before it finished';

/** Whether the process that recorded `run` is still computing (its host cannot be checked: by heartbeat age). */
function stillComputing(run: TorComputeRun): boolean {
  const live = stampLiveness(run);
  return live === 'alive' || (live === 'elsewhere' && run.heartbeatAge < STALE_SECONDS);
}

function interruptedMessage(run: TorComputeRun | undefined, hasResult: boolean): string {
  if (!run)
    return `compute ${REASON}; ${hasResult ? 'the last good result is kept' : 'there was no earlier result'} — recompute to try again`;
  const kept = !hasResult
    ? 'there was no earlier result to keep'
    : run.priorStatus === 'ready' || run.priorStatus === 'exported'
      ? 'the last good result is kept and can be exported'
      : 'the last good result is kept';
  return (
    `interrupted: the computing process (pid ${run.pid} on ${run.host}, last heartbeat ${Math.round(run.heartbeatAge)} s ago) ` +
    `stopped; ${kept} — recompute to try again`
  );
}

export async function failInterruptedWork(store: Store): Promise<{ jobs: number; tors: number }> {
  const jobs = await failInterruptedJobs(store, REASON);
  const tors = await store.all<{ tor_id: string }>(`SELECT tor_id FROM tors WHERE status = 'computing'`);
  if (!tors.length) return { jobs: jobs.length, tors: 0 };
  const runs = await activeComputeRuns(store);
  let failed = 0;
  for (const { tor_id } of tors) {
    const run = runs.get(tor_id);
    if (run && stillComputing(run)) continue;
    const hasResult = !!(await store.one(`SELECT 1 FROM tor_results WHERE tor_id = ? LIMIT 1`, [tor_id]));
    await store.transaction(async () => {
      await store.run(
        `UPDATE tors SET status = 'error', error = ?, progress = NULL, updated_at = now()::TIMESTAMP
         WHERE tor_id = ? AND status = 'computing'`,
        [interruptedMessage(run, hasResult), tor_id],
      );
      if (run) await markComputeRunInterrupted(store, tor_id);
    });
    failed++;
  }
  return { jobs: jobs.length, tors: failed };
}
