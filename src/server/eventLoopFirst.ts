// The server's event loop answers real-time reads; everything else in the process — DuckDB's
// threads (which run a job's queries too), libuv's pool, V8's helpers — is background work. On a
// 2-core machine a compute keeps every core busy, and a main thread at equal priority then waits
// 50–150 ms for a core (seen in CPU profiles as time "in" writev or a hash). Lowering every other
// thread's priority lets the scheduler run the event loop first. Linux only: there
// setpriority(PRIO_PROCESS, tid) renices one thread (os.setPriority with a thread id).
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { BACKGROUND_NICE } from '../math/backgroundNice.ts';

/** Renices this process's threads other than the main one to BACKGROUND_NICE; returns how many changed. */
export function lowerOtherThreads(): number {
  if (process.platform !== 'linux') return 0;
  let changed = 0;
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return 0;
  }
  for (const t of tids) {
    const tid = Number(t);
    if (tid === process.pid) continue;
    try {
      if (getPriority(tid) >= BACKGROUND_NICE) continue;
      setPriority(tid, BACKGROUND_NICE);
      changed++;
    } catch {
      /* the thread ended meanwhile, or renicing is not permitted: leave it */
    }
  }
  return changed;
}

/** Keeps other threads below the event loop: now, and every `everyMs` (threads start lazily). Returns a stop function. */
export function keepEventLoopFirst(everyMs = 1000): () => void {
  lowerOtherThreads();
  const timer = setInterval(lowerOtherThreads, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
