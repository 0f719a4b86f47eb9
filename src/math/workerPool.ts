// Runs CPU-heavy tasks on worker_threads. Each worker imports a module of ours (source or compiled,
// see moduleWorker.ts), which calls `serveTasks(handler)`.
// Shared inputs go once per worker through workerData (typed arrays are structured-cloned);
// tasks and results travel as messages.
import { Worker, parentPort, workerData, isMainThread } from 'node:worker_threads';
import { moduleWorker } from './moduleWorker.ts';
import { availableParallelism } from 'node:os';

/** Threads to use by default: all cores but never more than 4 (the machine is shared). */
export function defaultThreads(): number {
  const env = Number(process.env.NEXTBEST_THREADS);
  if (Number.isInteger(env) && env > 0) return env;
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * Maps `tasks` through the `serveTasks` handler of the worker module `entry` on `threads` workers.
 * Results come back in task order. Workers are terminated before returning (also on error).
 */
export async function mapInWorkers<T, R>(entry: URL, shared: unknown, tasks: T[], threads = defaultThreads()): Promise<R[]> {
  const n = Math.max(1, Math.min(threads, tasks.length));
  const results = new Array<R>(tasks.length);
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from(
        { length: n },
        () =>
          new Promise<void>((resolve, reject) => {
            const w = moduleWorker(entry, { shared });
            workers.push(w);
            let current = -1;
            const feed = () => {
              if (next >= tasks.length) {
                resolve();
                return;
              }
              current = next++;
              w.postMessage({ id: current, task: tasks[current] });
            };
            w.on('message', (m: { id: number; result?: R; error?: string }) => {
              if (m.error !== undefined) {
                reject(new Error(`worker task ${m.id} failed: ${m.error}`));
                return;
              }
              results[m.id] = m.result as R;
              feed();
            });
            w.on('error', reject);
            // a settled promise ignores this, so terminate() at the end is harmless
            w.on('exit', (code) => reject(new Error(`worker exited early with code ${code}`)));
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/** Called at the top level of a worker module: answers each task with `handler(shared, task)`. */
export function serveTasks<S, T, R>(handler: (shared: S, task: T) => R | { result: R; transfer: ArrayBuffer[] }): void {
  if (isMainThread || !parentPort) return;
  const shared = (workerData as { shared: S }).shared;
  const port = parentPort;
  port.on('message', (m: { id: number; task: T }) => {
    try {
      const out = handler(shared, m.task);
      if (out && typeof out === 'object' && 'transfer' in (out as object) && 'result' in (out as object)) {
        const o = out as { result: R; transfer: ArrayBuffer[] };
        port.postMessage({ id: m.id, result: o.result }, o.transfer);
      } else {
        port.postMessage({ id: m.id, result: out });
      }
    } catch (e) {
      port.postMessage({ id: m.id, error: (e as Error).stack ?? String(e) });
    }
  });
}
