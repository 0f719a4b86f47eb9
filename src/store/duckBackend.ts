// The DuckDB side of a Store: one connection of a DuckDB instance. The only module that imports
// @duckdb/node-api. `fork()` opens another connection on the same instance, so concurrent jobs and
// requests each get their own transactions and temp tables.
import { AsyncLocalStorage } from 'node:async_hooks';
import { DOUBLE, DuckDBConnection, DuckDBDataChunk, DuckDBInstance, INTEGER, VARCHAR } from '@duckdb/node-api';
import { ConflictError } from '../domain/errors.ts';
import {
  codesFromStrings,
  joinedParts,
  type AnyColumn,
  type ColumnInfo,
  type ColumnKind,
  type ColumnParts,
  type EncodedStrings,
  type Params,
  type StoreBackend,
} from './storeBackend.ts';

export interface DuckOptions {
  /** DuckDB worker threads; the store shares 2 cores with onnxruntime and worker threads. */
  threads?: number;
  /** DuckDB memory cap, e.g. '4GB'. */
  memoryLimit?: string;
  readOnly?: boolean;
}

export class DuckBackend implements StoreBackend {
  /** The connection whose exclusive section (a transaction) the current async context is inside. */
  private static readonly holder = new AsyncLocalStorage<DuckBackend>();
  /** Calls running or queued on this connection, and whether close() waits for them (see close). */
  private inflight = 0;
  private closeRequested = false;
  /** The last queued call: calls on one connection run one after another (see tracked). */
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly owner: boolean,
  ) {}

  /**
   * Runs `work` after every earlier call on this connection, and counts it so a close waits for it.
   * One connection runs one query at a time: a query started while a streamed result is still being
   * fetched ends that stream early, silently (its next chunk comes back empty). Concurrent callers
   * that need parallelism use `fork()`. Inside `exclusive` (a transaction) calls run at once.
   */
  private tracked<T>(work: () => Promise<T>): Promise<T> {
    if (DuckBackend.holder.getStore() === this) return work();
    this.inflight++;
    const done = this.tail.then(work);
    this.tail = done.catch(() => {});
    return done.finally(() => {
      if (--this.inflight === 0 && this.closeRequested) this.closeNow();
    });
  }

  /** Runs `fn` with this connection to itself: other callers' statements wait, so none lands inside its transaction. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.tracked(() => DuckBackend.holder.run(this, fn));
  }

  static async open(path: string, opts: DuckOptions = {}): Promise<DuckBackend> {
    const config: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
      // NEXTBEST_DUCKDB_THREADS: DuckDB's share of the cores (default 2; the machines here have 2).
      threads: String(opts.threads ?? (Number(process.env.NEXTBEST_DUCKDB_THREADS) || 2)),
      memory_limit: opts.memoryLimit ?? process.env.NEXTBEST_MEMORY_LIMIT ?? '4GB',
      // jemalloc hands freed memory back to the system in the background: without it, the 54M-line history
      // read of a 1M-customer TOR left 4.4 GiB resident instead of 3.5 GiB (docs/scale.md).
      allocator_background_threads: 'true',
    };
    if (opts.readOnly) config.access_mode = 'READ_ONLY';
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, config);
    } catch (e) {
      const msg = (e as Error).message;
      if (/lock/i.test(msg)) {
        const pid = /PID (\d+)/.exec(msg)?.[1];
        throw new ConflictError(
          `the store ${path} is in use by another process${pid ? ` (PID ${pid})` : ''}: ` +
            'one process at a time may open it; stop that process, or start `nextbest serve` so every command shares it',
        );
      }
      throw e;
    }
    return new DuckBackend(instance, await instance.connect(), true);
  }

  /** Another connection on the same database (closing it leaves the database open). */
  async fork(): Promise<DuckBackend> {
    return new DuckBackend(this.instance, await this.instance.connect(), false);
  }

  run(sql: string, params?: Params): Promise<void> {
    return this.tracked(async () => {
      await this.conn.run(sql, params as never);
    });
  }

  all(sql: string, params?: Params): Promise<Record<string, unknown>[]> {
    return this.tracked(async () => (await this.conn.runAndReadAll(sql, params as never)).getRowObjectsJS() as Record<string, unknown>[]);
  }

  columns(sql: string, spec: Record<string, ColumnKind>, params?: Params): Promise<Record<string, AnyColumn>> {
    return this.tracked(async () => {
      const read = await this.readParts(sql, spec, params, false);
      const out: Record<string, AnyColumn> = {};
      for (const [name, p] of Object.entries(read)) {
        out[name] = spec[name] === 'str' ? concatStrings(p.strings!) : joinedParts(p.parts, spec[name]);
      }
      return out;
    });
  }

  /** As `columns`, with string columns dictionary-encoded (the in-memory indexes keep them so). */
  columnsEncoded(
    sql: string,
    spec: Record<string, ColumnKind>,
    params?: Params,
  ): Promise<Record<string, Int32Array | Float64Array | EncodedStrings>> {
    return this.tracked(async () => {
      const read = await this.readParts(sql, spec, params, true);
      const out: Record<string, Int32Array | Float64Array | EncodedStrings> = {};
      for (const [name, p] of Object.entries(read)) {
        const joined = joinedParts(p.parts, spec[name]);
        out[name] = p.dict ? { dict: p.dict, codes: joined as Int32Array } : joined;
      }
      return out;
    });
  }

  /** As `columnsEncoded`, left in the chunks read (for a worker thread, which joins them: see ColumnParts). */
  columnParts(sql: string, spec: Record<string, ColumnKind>, params?: Params): Promise<Record<string, ColumnParts>> {
    return this.tracked(() => this.readParts(sql, spec, params, true));
  }

  /**
   * Reads chunk by chunk; every await between chunks lets the event loop serve requests, so the
   * per-chunk work (and the string dictionary, built incrementally) never blocks it for long.
   * String columns come back as a dictionary + code parts (`encode`) or as string parts.
   */
  private async readParts(sql: string, spec: Record<string, ColumnKind>, params: Params | undefined, encode: boolean) {
    const result = await this.conn.stream(sql, params as never);
    const names = Object.keys(spec);
    const out: Record<string, ColumnParts & { strings?: string[][]; index?: Map<string, number> }> = {};
    for (const name of names) {
      if (spec[name] !== 'str') out[name] = { parts: [] };
      else out[name] = encode ? { parts: [], dict: [], index: new Map() } : { parts: [], strings: [] };
    }
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      names.forEach((name, ci) => {
        const part = columnPart(chunk.getColumnVector(ci), spec[name], chunk.rowCount);
        const col = out[name];
        if (col.strings) col.strings.push(part as string[]);
        else if (col.dict) col.parts.push(codesFromStrings(part as string[], col.index!, col.dict));
        else col.parts.push(part as Int32Array | Float64Array);
      });
    }
    for (const col of Object.values(out)) delete col.index;
    return out;
  }

  /**
   * Bulk-appends typed columns to an existing table whose columns are exactly these, in order
   * (INTEGER ← Int32Array, DOUBLE ← Float64Array, VARCHAR ← string[]), 2,048 rows per data chunk.
   */
  appendColumns(table: string, columns: (AnyColumn | EncodedStrings)[], temp = false): Promise<void> {
    return this.tracked(() => this.append(table, columns, temp));
  }

  private async append(table: string, columns: (AnyColumn | EncodedStrings)[], temp: boolean): Promise<void> {
    const n = columns[0] ? ('codes' in columns[0] ? columns[0].codes.length : columns[0].length) : 0;
    const types = columns.map((c) => (c instanceof Int32Array ? INTEGER : c instanceof Float64Array ? DOUBLE : VARCHAR));
    const appender = temp ? await this.conn.createAppender(table, 'main', 'temp') : await this.conn.createAppender(table);
    try {
      const CHUNK = 2048;
      for (let off = 0, k = 0; off < n; off += CHUNK, k++) {
        // Yield to the event loop every 16 chunks: a large append must not stall API requests.
        if (k % 16 === 15) await new Promise((r) => setImmediate(r));
        const m = Math.min(CHUNK, n - off);
        const chunk = DuckDBDataChunk.create(types, m);
        columns.forEach((c, i) => {
          if (Array.isArray(c)) {
            chunk.setColumnValues(i, c.slice(off, off + m));
            return;
          }
          if ('codes' in c) {
            const vals = new Array<string>(m);
            for (let j = 0; j < m; j++) vals[j] = c.dict[c.codes[off + j]];
            chunk.setColumnValues(i, vals);
            return;
          }
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

  queryColumns(sql: string): Promise<ColumnInfo[]> {
    return this.tracked(async () => {
      const prepared = await this.conn.prepare(sql);
      try {
        const out: ColumnInfo[] = [];
        for (let i = 0; i < prepared.columnCount; i++) out.push({ name: prepared.columnName(i), type: String(prepared.columnType(i)) });
        return out;
      } finally {
        prepared.destroySync();
      }
    });
  }

  /**
   * Closes now when idle; otherwise when the calls in flight end (a background write — an audit
   * entry, a key's last use — still running must not meet a closed database: that crashes).
   */
  async close(): Promise<void> {
    if (this.inflight === 0) this.closeNow();
    else this.closeRequested = true;
  }

  private closeNow(): void {
    this.closeRequested = false;
    this.conn.closeSync();
    if (this.owner) this.instance.closeSync();
  }
}

/** Joins string parts into one preallocated array (Array.prototype.flat is ~20× slower here). */
function concatStrings(parts: string[][]): string[] {
  const out = new Array<string>(parts.reduce((n, p) => n + p.length, 0));
  let k = 0;
  for (const p of parts) for (let i = 0; i < p.length; i++) out[k++] = p[i];
  return out;
}

/** One chunk's column as a typed array (numbers) or strings; NULL → NaN (f64), −1 (i32), '' (str). */
function columnPart(vec: unknown, kind: ColumnKind, n: number): AnyColumn {
  const v = vec as { getItem(i: number): unknown; items?: unknown };
  if (kind === 'str') {
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = String(v.getItem(i) ?? '');
    return out;
  }
  const out = kind === 'i32' ? new Int32Array(n) : new Float64Array(n);
  // Fast path: INTEGER/DOUBLE vectors expose their typed-array view; copy it when the kinds match
  // and no value is NULL, else convert item by item.
  const items = v.items;
  const sameKind = kind === 'i32' ? items instanceof Int32Array : items instanceof Float64Array;
  if (sameKind && (items as Int32Array).length >= n && allValid(vec, n)) {
    out.set((items as Int32Array).subarray(0, n));
    return out;
  }
  for (let i = 0; i < n; i++) {
    const x = v.getItem(i);
    out[i] = x === null ? (kind === 'f64' ? NaN : -1) : Number(x as number);
  }
  return out;
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
