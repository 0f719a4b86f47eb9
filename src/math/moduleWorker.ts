// Starts a worker thread on one of our modules, in source form (tests, tsx) or compiled (dist/).
// Node 20 does not apply `--import tsx` hooks to a worker's entry module, so a `.ts` entry is
// booted by a tiny data: URL module that registers tsx first; a `.js` entry starts directly.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The URL of a sibling module of `importMetaUrl`, with the same extension (.ts in source, .js in dist/). */
export function siblingModule(name: string, importMetaUrl: string): URL {
  const ext = importMetaUrl.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, importMetaUrl);
}

export function moduleWorker(entry: URL, workerData: unknown, transferList: WorkerOptions['transferList'] = []): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData, transferList });
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(api)}; register();\nawait import(${JSON.stringify(entry.href)});`;
  return new Worker(new URL('data:text/javascript,' + encodeURIComponent(boot)), { workerData, transferList });
}
