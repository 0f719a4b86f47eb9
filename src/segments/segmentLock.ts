// Segment writes one at a time in this process: concurrent requests (each on its own connection)
// would otherwise seed the same built-ins or compute the same refresh twice, and DuckDB refuses the
// second of two transactions writing the same rows.
let queue: Promise<unknown> = Promise.resolve();

export function withSegmentLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn);
  queue = run.catch(() => undefined);
  return run;
}
