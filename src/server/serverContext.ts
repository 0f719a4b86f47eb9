// What route handlers share: the store (the root connection; handlers fork their own), the job
// runner, the callers' principals, and listeners told when an op has changed something.
import { EventEmitter } from 'node:events';
import type { JobRunner } from '../jobs/jobRunner.ts';
import type { LiveIndex } from '../live/liveIndex.ts';
import type { Store } from '../store/store.ts';
import type { Principals } from './principal.ts';

export interface ServerContext {
  store: Store;
  jobs: JobRunner;
  principals: Principals;
  /** Emits 'op' (name, input, result) after an op succeeds, in-request or as a job. */
  changes: EventEmitter;
  /** TOR results, recommendations and customer profiles in memory, for the real-time reads and ingestion. */
  live: LiveIndex;
  /** Requests per second allowed to one key (or one address without a key). */
  rateLimit: number;
  /** Folders API keys and dashboard users may import from and export to (see fileAccess.ts). */
  fileRoots: string[];
  /** Folder of the built dashboard, served at / when present. */
  webRoot: string | null;
  /** Set once the server is ready to answer (store open, caches loaded). */
  ready: { value: boolean };
}
