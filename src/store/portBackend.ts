// A Store backend for worker threads: each call is a message to the main thread, which runs it on
// the job's own DuckDB connection (`serveStorePort`). DuckDB allows one database per file and its
// instances cannot be shared across threads, so this is how jobs reach the store off the event loop.
import type { MessagePort } from 'node:worker_threads';
import { errorFromWire, type WireError } from '../domain/wireError.ts';
import {
  codesFromStrings,
  joinedParts,
  type AnyColumn,
  type ColumnParts,
  type ColumnInfo,
  type ColumnKind,
  type EncodedStrings,
  type Params,
  type StoreBackend,
} from './storeBackend.ts';

export interface StoreRequest {
  id: number;
  method: keyof StoreBackend;
  args: unknown[];
}
export interface StoreReply {
  id: number;
  result?: unknown;
  error?: WireError;
}

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

  run(sql: string, params?: Params): Promise<void> {
    return this.call('run', [sql, params]);
  }
  all(sql: string, params?: Params): Promise<Record<string, unknown>[]> {
    return this.call('all', [sql, params]);
  }
  async columns(sql: string, spec: Record<string, ColumnKind>, params?: Params): Promise<Record<string, AnyColumn>> {
    const raw = await this.call<Record<string, ColumnParts>>('columns', [sql, spec, params]);
    const out: Record<string, AnyColumn> = {};
    for (const [k, v] of Object.entries(raw)) {
      const joined = joinedParts(v.parts, spec[k]);
      if (!v.dict) {
        out[k] = joined;
        continue;
      }
      const dict = v.dict,
        codes = joined as Int32Array;
      const strs = new Array<string>(codes.length);
      for (let i = 0; i < codes.length; i++) strs[i] = dict[codes[i]];
      out[k] = strs;
    }
    return out;
  }
  appendColumns(table: string, columns: (AnyColumn | EncodedStrings)[], temp?: boolean): Promise<void> {
    // Strings go as dictionary + codes (encoded here, in the worker), so the main thread neither
    // deserialises millions of strings at once nor blocks on them. Typed arrays are copied, not
    // transferred: the caller may still use them after the append.
    return this.call('appendColumns', [table, columns.map((c) => (Array.isArray(c) ? encodedStrings(c) : c)), temp]);
  }
  queryColumns(sql: string): Promise<ColumnInfo[]> {
    return this.call('queryColumns', [sql]);
  }
  async close(): Promise<void> {
    this.port.close();
  }
}

function encodedStrings(values: string[]): EncodedStrings {
  const dict: string[] = [];
  return { dict, codes: codesFromStrings(values, new Map(), dict) };
}
