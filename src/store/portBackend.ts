// A Store backend for worker threads: each call is a message to the main thread, which runs it on
// the job's own DuckDB connection (`serveStorePort`). DuckDB allows one database per file and its
// instances cannot be shared across threads, so this is how jobs reach the store off the event loop.
import type { MessagePort } from 'node:worker_threads';
import { errorFromWire, type WireError } from '../domain/wireError.ts';
import type { AnyColumn, ColumnInfo, ColumnKind, Params, StoreBackend } from './storeBackend.ts';

export interface StoreRequest { id: number; method: keyof StoreBackend; args: unknown[] }
export interface StoreReply { id: number; result?: unknown; error?: WireError }

export class PortBackend implements StoreBackend {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(private readonly port: MessagePort) {
    port.on('message', (m: StoreReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error) p.reject(errorFromWire(m.error));
      else p.resolve(m.result);
    });
  }

  private call<T>(method: keyof StoreBackend, args: unknown[], transfer: ArrayBuffer[] = []): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.port.postMessage({ id, method, args } satisfies StoreRequest, transfer);
    });
  }

  run(sql: string, params?: Params): Promise<void> { return this.call('run', [sql, params]); }
  all(sql: string, params?: Params): Promise<Record<string, unknown>[]> { return this.call('all', [sql, params]); }
  columns(sql: string, spec: Record<string, ColumnKind>, params?: Params): Promise<Record<string, AnyColumn>> {
    return this.call('columns', [sql, spec, params]);
  }
  appendColumns(table: string, columns: AnyColumn[], temp?: boolean): Promise<void> {
    // Typed arrays are copied (not transferred): the caller may still use them after the append.
    return this.call('appendColumns', [table, columns, temp]);
  }
  queryColumns(sql: string): Promise<ColumnInfo[]> { return this.call('queryColumns', [sql]); }
  async close(): Promise<void> {
    this.port.close();
  }
}
