// An operation: one thing nextbest does, defined once and reached two ways — the CLI calls it
// in-process (no server) or through the API (a live server owns the store), and the server
// registers it as a REST route. Input is one zod object (path params + query/body fields);
// output is plain JSON (dates as ISO strings), so both ways print the same thing.
import type { z } from 'zod';
import type { Store } from '../store/store.ts';

/** Who may call it: read (viewer+), write (marketer+), admin, realtime/ingest (service keys too). */
export type Access = 'read' | 'write' | 'admin' | 'realtime' | 'ingest';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface OpContext {
  /** Progress of a long operation: fraction done in [0, 1] and the current stage. */
  progress(fraction: number, stage: string): void;
  /** A line for the user (the CLI prints it on stderr; the API streams it as a job event). */
  log(line: string): void;
  /** Who asked (a key's name, a user, or 'cli' for in-process runs), for audit and ownership. */
  actor: string;
}

export interface Op<I = any, O = any> {
  /** Dotted name, e.g. 'tor.compute'. */
  name: string;
  summary: string;
  method: HttpMethod;
  /** Fastify path under /v1, e.g. '/v1/tors/:id/compute'; path params are fields of `input`. */
  path: string;
  access: Access;
  input: z.ZodObject<any>;
  /** Long operations run as jobs (worker thread, 202 + job URL, progress, cancel). */
  job?: {
    /** Jobs with the same lock key never run at once (e.g. one compute per TOR). */
    lock?(input: I): string;
    /** Cleans up after a cancel or crash (e.g. a TOR left 'computing' goes to 'error'). */
    onAbort?(store: Store, input: I, message: string): Promise<void>;
  };
  /**
   * Refused (409) while a job holds this lock key, e.g. editing a TOR a job is computing. Only a
   * server runs jobs, so the route checks it; the in-process CLI has none to wait for.
   */
  lockedBy?(input: I): string;
  /**
   * Server-side files the op reads or writes (import sources, export targets). The server lets API
   * keys and dashboard users reach only its allowed folders (`serve --files DIR`).
   */
  files?(input: I): { path: string; mode: 'read' | 'write' }[];
  /**
   * Too heavy for the server's event loop but answered in the request (e.g. insights, which may
   * train a model): the server runs it in a worker thread and waits for the result.
   */
  offThread?: boolean | ((input: I) => boolean);
  /** The in-process CLI may create the store (imports); read ops refuse a missing store. */
  createsStore?: boolean;
  run(store: Store, input: I, ctx: OpContext): Promise<O>;
}

/** Declares an op with its input type inferred from the zod schema. */
export function defineOp<S extends z.ZodObject<any>, O>(op: Omit<Op<z.infer<S>, O>, 'input'> & { input: S }): Op<z.infer<S>, O> {
  return op as Op<z.infer<S>, O>;
}

/** Makes an output plain JSON (Dates → ISO strings, bigints → numbers, typed arrays → arrays). */
export function plainJson<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v) =>
      typeof v === 'bigint' ? Number(v) : ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v,
    ),
  );
}
