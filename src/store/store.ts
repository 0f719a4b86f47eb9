// The only module family that talks to DuckDB. Everything above it sees `Store`:
// SQL in, plain rows or typed column arrays out.
import { DOUBLE, DuckDBConnection, DuckDBDataChunk, DuckDBInstance, INTEGER, VARCHAR, type DuckDBValue } from '@duckdb/node-api';
import { applySchema } from './schema.ts';
import { ConflictError } from '../domain/errors.ts';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;

/** Column kinds readable in bulk into typed arrays. */
export type ColumnKind = 'i32' | 'f64' | 'str';
export type ColumnArrays<S extends Record<string, ColumnKind>> = {
  [K in keyof S]: S[K] extends 'i32' ? Int32Array : S[K] extends 'f64' ? Float64Array : string[];
};

export interface StoreOptions {
  /** DuckDB worker threads; the store shares 2 cores with onnxruntime and worker threads. */
  threads?: number;
  /** DuckDB memory cap, e.g. '4GB'. */
  memoryLimit?: string;
  readOnly?: boolean;
}

export class Store {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
  ) {}

  /** Opens (creating if needed) a DuckDB file, or ':memory:', and applies the canonical schema. */
  static async open(path: string, opts: StoreOptions = {}): Promise<Store> {
    const config: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
      threads: String(opts.threads ?? 2),
      memory_limit: opts.memoryLimit ?? process.env.NEXTBEST_MEMORY_LIMIT ?? '4GB',
    };
    if (opts.readOnly) config.access_mode = 'READ_ONLY';
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, config);
    } catch (e) {
      const msg = (e as Error).message;
      if (/lock/i.test(msg)) {
        const pid = /PID (\d+)/.exec(msg)?.[1];
        throw new ConflictError(`the store ${path} is in use by another process${pid ? ` (PID ${pid})` : ''}: one process at a time may open it; wait for that one to finish`);
      }
      throw e;
    }
    const conn = await instance.connect();
    const store = new Store(path, instance, conn);
    if (!opts.readOnly) await applySchema(store);
    return store;
  }

  async run(sql: string, params?: Params): Promise<void> {
    await this.conn.run(sql, params);
  }

  /** All rows as plain JS objects (BIGINT → bigint, TIMESTAMP → Date via JS converter). Small results only. */
  async all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as T[];
  }

  async one<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Reads a large result column-wise into typed arrays, chunk by chunk (no row objects). */
  async columns<S extends Record<string, ColumnKind>>(sql: string, spec: S, params?: Params): Promise<ColumnArrays<S>> {
    const result = await this.conn.stream(sql, params);
    const names = Object.keys(spec);
    const parts: Record<string, unknown[]> = Object.fromEntries(names.map((n) => [n, []]));
    let total = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const n = chunk.rowCount;
      names.forEach((name, ci) => {
        const vec = chunk.getColumnVector(ci);
        const kind = spec[name];
        if (kind === 'str') {
          const out = new Array<string>(n);
          for (let i = 0; i < n; i++) out[i] = String(vec.getItem(i) ?? '');
          parts[name].push(out);
        } else {
          const out = kind === 'i32' ? new Int32Array(n) : new Float64Array(n);
          // Fast path: INTEGER/DOUBLE vectors expose their typed-array view; copy it when the
          // kinds match and no value is NULL, else convert item by item.
          const items = (vec as unknown as { items?: unknown }).items;
          const sameKind = kind === 'i32' ? items instanceof Int32Array : items instanceof Float64Array;
          let copied = false;
          if (sameKind && (items as Int32Array).length >= n && allValid(vec, n)) {
            out.set((items as Int32Array).subarray(0, n));
            copied = true;
          }
          if (!copied) {
            for (let i = 0; i < n; i++) {
              const v = vec.getItem(i);
              out[i] = v === null ? (kind === 'f64' ? NaN : -1) : Number(v as number);
            }
          }
          parts[name].push(out);
        }
      });
      total += n;
    }
    const out: Record<string, unknown> = {};
    for (const name of names) {
      const kind = spec[name];
      if (kind === 'str') out[name] = (parts[name] as string[][]).flat();
      else {
        const arr = kind === 'i32' ? new Int32Array(total) : new Float64Array(total);
        let off = 0;
        for (const p of parts[name] as (Int32Array | Float64Array)[]) {
          arr.set(p, off);
          off += p.length;
        }
        out[name] = arr;
      }
    }
    return out as ColumnArrays<S>;
  }

  /**
   * Bulk-appends typed columns to an existing table whose columns are exactly these, in order
   * (INTEGER ← Int32Array, DOUBLE ← Float64Array, VARCHAR ← string[]), 2,048 rows per data chunk.
   */
  async appendColumns(table: string, columns: (Int32Array | Float64Array | string[])[]): Promise<void> {
    const n = columns[0]?.length ?? 0;
    const types = columns.map((c) => (c instanceof Int32Array ? INTEGER : c instanceof Float64Array ? DOUBLE : VARCHAR));
    const appender = await this.conn.createAppender(table);
    try {
      const CHUNK = 2048;
      for (let off = 0; off < n; off += CHUNK) {
        const m = Math.min(CHUNK, n - off);
        const chunk = DuckDBDataChunk.create(types, m);
        columns.forEach((c, i) => {
          if (Array.isArray(c)) { chunk.setColumnValues(i, c.slice(off, off + m)); return; }
          // Numeric columns: copy straight into the vector's typed view, then flush it to DuckDB.
          const vec = chunk.getColumnVector(i) as unknown as { items?: Int32Array | Float64Array; flush(): void };
          if (vec.items && vec.items.constructor === c.constructor && vec.items.length >= m) {
            vec.items.set(c.subarray(off, off + m) as never);
            vec.flush();
          } else {
            chunk.setColumnValues(i, Array.from(c.subarray(off, off + m)));
          }
        });
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /** Runs `fn` inside one transaction: all of it is written, or none of it. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.conn.run('BEGIN TRANSACTION');
    try {
      const out = await fn();
      await this.conn.run('COMMIT');
      return out;
    } catch (e) {
      await this.conn.run('ROLLBACK');
      throw e;
    }
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/**
 * True when no item of a vector is NULL, read from its validity bitmap 64 rows at a time
 * (no bitmap = all valid). Unknown layouts answer false, and the caller converts item by item.
 */
function allValid(vec: unknown, n: number): boolean {
  const v = (vec as { validity?: { data: BigUint64Array | null; offset: number } }).validity;
  if (!v || v.offset !== 0) return false;
  if (!v.data) return true;
  const full = n >> 6;
  for (let w = 0; w < full; w++) if (v.data[w] !== 0xffffffffffffffffn) return false;
  const rest = n & 63;
  if (rest) {
    const mask = (1n << BigInt(rest)) - 1n;
    if ((v.data[full] & mask) !== mask) return false;
  }
  return true;
}

/** Quotes an identifier for SQL (column and table names come from user files). */
export function quoteIdent(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

/** Quotes a string literal for SQL, for places DuckDB does not take parameters (e.g. read_csv paths). */
export function quoteLiteral(value: string): string {
  return "'" + value.replaceAll("'", "''") + "'";
}
