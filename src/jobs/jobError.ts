// The error a failed job carries, rebuilt with its class and details (e.g. an import's problems),
// so the CLI exits and prints the same way whether the job ran in-process or on a server.
import { errorFromWire } from '../domain/wireError.ts';
import type { JobRecord } from '../store/jobTable.ts';

export function jobError(r: JobRecord): Error {
  return errorFromWire({ name: r.errorName ?? 'Error', message: r.error ?? r.status, ...((r.errorDetails as object | null) ?? {}) });
}
