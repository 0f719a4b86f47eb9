// Imported first by worker threads that do background work (jobs, the recommendation model): it
// lowers the thread's priority so the server's event loop gets the CPU first. On Linux,
// setpriority(PRIO_PROCESS, 0) renices only the calling thread and the threads it starts later
// (onnxruntime's pool, kNN workers). Elsewhere it would renice the whole process, so Linux only.
import { setPriority } from 'node:os';

/** Nice value of background threads (0 = normal, 19 = lowest). */
export const BACKGROUND_NICE = 10;

if (process.platform === 'linux') {
  try { setPriority(0, BACKGROUND_NICE); } catch { /* not permitted here: run at normal priority */ }
}
