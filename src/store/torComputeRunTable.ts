// Who is computing each TOR (table `tor_compute_runs`): the process (pid, host, boot, start tick),
// when it started and its latest heartbeat, and the status the TOR had before. A row outlives its
// process only when that process died mid-compute; recovery then marks it interrupted, which keeps
// the TOR's last good result exportable (see tor/exportTor.ts).
import type { Store } from './store.ts';

export interface TorComputeRun {
  torId: string;
  pid: number;
  host: string;
  bootId: string | null;
  procStart: string | null;
  priorStatus: string;
  /** Seconds since the last heartbeat, measured by the store's clock. */
  heartbeatAge: number;
}

interface RunRow {
  tor_id: string;
  pid: number;
  host: string;
  boot_id: string | null;
  proc_start: string | null;
  prior_status: string;
  age: number;
}

export interface ProcessStamp {
  pid: number;
  host: string;
  bootId: string | null;
  procStart: string | null;
}

export async function recordComputeRun(store: Store, torId: string, who: ProcessStamp, priorStatus: string): Promise<void> {
  await store.run(
    `INSERT OR REPLACE INTO tor_compute_runs
       (tor_id, pid, host, boot_id, proc_start, prior_status, started_at, heartbeat_at, interrupted_at)
     VALUES (?, ?, ?, ?, ?, ?, now()::TIMESTAMP, now()::TIMESTAMP, NULL)`,
    [torId, who.pid, who.host, who.bootId, who.procStart, priorStatus],
  );
}

export async function beatComputeRun(store: Store, torId: string): Promise<void> {
  await store.run(`UPDATE tor_compute_runs SET heartbeat_at = now()::TIMESTAMP WHERE tor_id = ? AND interrupted_at IS NULL`, [torId]);
}

export async function deleteComputeRun(store: Store, torId: string): Promise<void> {
  await store.run(`DELETE FROM tor_compute_runs WHERE tor_id = ?`, [torId]);
}

/** Runs not yet marked interrupted, keyed by TOR. */
export async function activeComputeRuns(store: Store): Promise<Map<string, TorComputeRun>> {
  const rows = await store.all<RunRow>(
    `SELECT tor_id, pid, host, boot_id, proc_start, prior_status,
       (epoch(now()::TIMESTAMP) - epoch(heartbeat_at))::DOUBLE AS age
     FROM tor_compute_runs WHERE interrupted_at IS NULL`,
  );
  return new Map(
    rows.map((r) => [
      r.tor_id,
      {
        torId: r.tor_id,
        pid: Number(r.pid),
        host: r.host,
        bootId: r.boot_id,
        procStart: r.proc_start,
        priorStatus: r.prior_status,
        heartbeatAge: Number(r.age),
      },
    ]),
  );
}

export async function markComputeRunInterrupted(store: Store, torId: string): Promise<void> {
  await store.run(`UPDATE tor_compute_runs SET interrupted_at = now()::TIMESTAMP WHERE tor_id = ?`, [torId]);
}

/** True when the TOR's last compute was interrupted while its result was current (Ready or Exported before it). */
export async function lastGoodAfterInterrupt(store: Store, torId: string): Promise<boolean> {
  const r = await store.one<{ n: bigint }>(
    `SELECT count(*) AS n FROM tor_compute_runs
     WHERE tor_id = ? AND interrupted_at IS NOT NULL AND prior_status IN ('ready', 'exported')`,
    [torId],
  );
  return Number(r?.n ?? 0) > 0;
}
