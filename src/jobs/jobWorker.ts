// A job's worker thread: runs one op on a Store whose SQL the main thread executes (PortBackend),
// and reports progress, log lines and the result (or error) as messages.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { WireError } from '../domain/wireError.ts';

export type JobMessage =
  | { type: 'progress'; fraction: number; stage: string }
  | { type: 'log'; line: string }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: WireError };

// Jobs yield the CPU to the API: the thread lowers its priority (backgroundThread.ts) before the
// modules below are loaded and compiled (about a second of CPU per job), hence the dynamic imports.
await import('../math/backgroundThread.ts');
const [{ wireFromError }, { opByName }, { plainJson }, { PortBackend }, { Store }] = await Promise.all([
  import('../domain/wireError.ts'),
  import('../ops/registry.ts'),
  import('../ops/op.ts'),
  import('../store/portBackend.ts'),
  import('../store/store.ts'),
]);

const { opName, input, storePath, storePort, actor } = workerData as {
  opName: string;
  input: unknown;
  storePath: string;
  storePort: MessagePort;
  actor: string;
};
const post = (m: JobMessage) => parentPort!.postMessage(m);
const store = Store.onBackend(storePath, new PortBackend(storePort));
try {
  const op = opByName(opName);
  const result = await op.run(store, input, {
    actor,
    progress: (fraction, stage) => post({ type: 'progress', fraction, stage }),
    log: (line) => post({ type: 'log', line }),
  });
  post({ type: 'done', result: plainJson(result ?? null) });
} catch (e) {
  post({ type: 'failed', error: wireFromError(e) });
} finally {
  store.close();
}
