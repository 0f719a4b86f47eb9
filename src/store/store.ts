// The only door to the data. Everything above it sees `Store`: SQL in, plain rows or typed column
// arrays out. It runs on a backend: a DuckDB connection in this thread, or (inside a job's worker
// thread) a port to the main thread's DuckDB — services cannot tell the difference.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { UserError } from '../domain/errors.ts';
import { applySchema } from './schema.ts';
import { reclaimStoreFile } from './reclaimStoreFile.ts';
import { DuckBackend, type DuckOptions } from './duckBackend.ts';
import type { AnyColumn, ColumnArrays, ColumnInfo, ColumnKind, Params, StoreBackend } from './storeBackend.ts';

export type { ColumnArrays, ColumnInfo, ColumnKind, Params } from './storeBackend.ts';

export interface StoreOptions extends DuckOptions {
  /** Refuse a path with no store yet (read commands): an error naming the path, not a new empty store. */
  mustExist?: boolean;
}

export class Store {
  private constructor(
    readonly path: string,
    private readonly backend: StoreBackend,
  ) {}

  /** Opens (creating if needed, unless `mustExist`) a DuckDB file, or ':memory:', and applies the canonical schema. */
  static async open(path: string, opts: StoreOptions = {}): Promise<Store> {
    if (path !== ':memory:') checkStoreFile(path, opts.mustExist ?? false);
    const store = new Store(path, await DuckBackend.open(path, opts));
    if (!opts.readOnly) await applySchema(store);
    if (!opts.readOnly && path !== ':memory:') await reclaimStoreFile(store); // space left by a killed import
    return store;
  }

  /** `columns` left in the chunks read, strings as dictionary + codes (DuckDB-backed stores only; for worker transport). */
  async columnParts(sql: string, spec: Record<string, ColumnKind>, params?: Params) {
    if (!(this.backend instanceof DuckBackend)) throw new Error('only a DuckDB-backed store reads column parts');
    return this.backend.columnParts(sql, spec, params);
  }

  /** A Store over another backend (a worker thread's port); the schema is already applied. */
  static onBackend(path: string, backend: StoreBackend): Store {
    return new Store(path, backend);
  }

  /** `columns` with string columns dictionary-encoded (DuckDB-backed stores only; for worker transport). */
  async columnsEncoded(sql: string, spec: Record<string, ColumnKind>, params?: Params) {
    if (!(this.backend instanceof DuckBackend)) throw new Error('only a DuckDB-backed store reads encoded columns');
    return this.backend.columnsEncoded(sql, spec, params);
  }

  /** A Store on a new connection to the same database: its own transactions and temp tables. */
  async fork(): Promise<Store> {
    if (!(this.backend instanceof DuckBackend)) throw new Error('only a DuckDB-backed store can fork');
    return new Store(this.path, await this.backend.fork());
  }

  async run(sql: string, params?: Params): Promise<void> {
    await this.backend.run(sql, params);
  }

  /** All rows as plain JS objects (BIGINT → bigint, TIMESTAMP → Date via JS converter). Small results only. */
  async all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    return (await this.backend.all(sql, params)) as T[];
  }

  async one<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Reads a large result column-wise into typed arrays, chunk by chunk (no row objects). */
  async columns<S extends Record<string, ColumnKind>>(sql: string, spec: S, params?: Params): Promise<ColumnArrays<S>> {
    return (await this.backend.columns(sql, spec, params)) as ColumnArrays<S>;
  }

  /**
   * Bulk-appends typed columns to an existing table whose columns are exactly these, in order
   * (INTEGER ← Int32Array, DOUBLE ← Float64Array, VARCHAR ← string[]); `temp` for temp tables.
   */
  async appendColumns(table: string, columns: AnyColumn[], opts: { temp?: boolean } = {}): Promise<void> {
    await this.backend.appendColumns(table, columns, opts.temp ?? false);
  }

  /** Result column names and types of `sql`, without running it. */
  async queryColumns(sql: string): Promise<ColumnInfo[]> {
    return this.backend.queryColumns(sql);
  }

  /** Runs `fn` inside one transaction: all of it is written, or none of it. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    // Exclusive: a concurrent caller's statement on this connection would otherwise join (and share the fate of) this transaction.
    return this.backend.exclusive ? this.backend.exclusive(() => this.inTransaction(fn)) : this.inTransaction(fn);
  }

  private async inTransaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const out = await fn();
      await this.run('COMMIT');
      return out;
    } catch (e) {
      await this.run('ROLLBACK');
      throw e;
    }
  }

  close(): void {
    void this.backend.close();
  }
}

/**
 * Refuses what would silently lose data: a missing store when one must exist, and a file that is
 * not a DuckDB database (DuckDB's header carries the magic "DUCK" at byte 8).
 */
function checkStoreFile(path: string, mustExist: boolean): void {
  if (!existsSync(path)) {
    if (mustExist) throw new UserError(`no store at ${path}: import data first (nextbest import …) or pass --db with an existing store`);
    return;
  }
  if (statSync(path).isDirectory()) throw new UserError(`${path} is a directory, not a nextbest store`);
  if (statSync(path).size === 0) return;
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(12);
  try {
    readSync(fd, head, 0, 12, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(8, 12).toString('latin1') !== 'DUCK') {
    throw new UserError(`${path} is not a nextbest store (not a DuckDB database file); pass --db with a store path, e.g. shop.duckdb`);
  }
}

/** Quotes an identifier for SQL (column and table names come from user files). */
export function quoteIdent(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

/** Quotes a string literal for SQL, for places DuckDB does not take parameters (e.g. read_csv paths). */
export function quoteLiteral(value: string): string {
  return "'" + value.replaceAll("'", "''") + "'";
}
