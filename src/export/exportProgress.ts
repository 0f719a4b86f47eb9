// Progress events an export reports while it runs (the CLI prints them to stderr).
export type ExportProgress =
  /** The query result is being written to a (local, temporary) file. */
  | { phase: 'query' }
  /** Upload progress: `bytes` of `totalBytes` sent on attempt `attempt`. */
  | { phase: 'upload'; attempt: number; bytes: number; totalBytes: number }
  /** Attempt `attempt` failed with a retryable error; the next one starts after `delayMs`. */
  | { phase: 'retry'; attempt: number; delayMs: number; message: string }
  /** The file is in place under its final name. */
  | { phase: 'done'; rows: number; bytes: number };

export type OnExportProgress = (p: ExportProgress) => void;
