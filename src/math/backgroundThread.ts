// Imported first by worker threads that do background work (jobs, the recommendation model): it
// lowers the thread's priority so the server's event loop gets the CPU first. On Linux,
// setpriority(PRIO_PROCESS, 0) renices only the calling thread and the threads it starts later
// (onnxruntime's pool, kNN workers). Elsewhere it would renice the whole process, so Linux only.
// Import it only for that side effect, and only from a background thread (never from the main one).
import { setPriority } from 'node:os';
import { BACKGROUND_NICE } from './backgroundNice.ts';

if (process.platform === 'linux') {
  try {
    setPriority(0, BACKGROUND_NICE);
  } catch {
    /* not permitted here: run at normal priority */
  }
}
