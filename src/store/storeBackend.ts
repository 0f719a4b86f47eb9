// What a Store runs on. Two implementations: `DuckBackend` (a DuckDB connection in this thread)
// and `PortBackend` (a worker thread's requests, executed by the main thread's DuckDB). Every
// argument and result is structured-clonable, so the same calls cross a MessagePort unchanged.
export type ParamValue = string | number | boolean | bigint | Date | null | ParamValue[];
export type Params = ParamValue[] | Record<string, ParamValue>;

/** Column kinds readable in bulk into typed arrays. */
export type ColumnKind = 'i32' | 'f64' | 'str';
export type ColumnArrays<S extends Record<string, ColumnKind>> = {
  [K in keyof S]: S[K] extends 'i32' ? Int32Array : S[K] extends 'f64' ? Float64Array : string[];
};
export type AnyColumn = Int32Array | Float64Array | string[];
/** A string column as a dictionary and one code per row: what crosses threads cheaply (codes transfer, no copy). */
export interface EncodedStrings {
  dict: string[];
  codes: Int32Array;
}

/** Codes `values` against a growing dictionary (`dict[code] = value`); call it chunk by chunk with one index. */
export function codesFromStrings(values: string[], index: Map<string, number>, dict: string[]): Int32Array {
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let c = index.get(values[i]);
    if (c === undefined) {
      c = dict.length;
      dict.push(values[i]);
      index.set(values[i], c);
    }
    codes[i] = c;
  }
  return codes;
}

/**
 * A column as read, chunk by chunk: numeric parts, or a string dictionary with one Int32 code part
 * per chunk. This is what crosses to a worker thread: its parts transfer without a copy and the
 * worker joins them (`joinedParts`), so the main thread never allocates and fills the whole column.
 */
export interface ColumnParts {
  parts: (Int32Array | Float64Array)[];
  dict?: string[];
}

/** One typed array from a column's parts (`Float64Array` for f64 columns, else `Int32Array`). */
export function joinedParts(parts: (Int32Array | Float64Array)[], kind: ColumnKind): Int32Array | Float64Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = kind === 'f64' ? new Float64Array(total) : new Int32Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** A result column's name and DuckDB type name (e.g. 'DOUBLE'). */
export interface ColumnInfo {
  name: string;
  type: string;
}

export interface StoreBackend {
  run(sql: string, params?: Params): Promise<void>;
  all(sql: string, params?: Params): Promise<Record<string, unknown>[]>;
  columns(sql: string, spec: Record<string, ColumnKind>, params?: Params): Promise<Record<string, AnyColumn>>;
  /** Appends typed columns to `table` (in schema `temp` when `temp` is true). */
  appendColumns(table: string, columns: (AnyColumn | EncodedStrings)[], temp?: boolean): Promise<void>;
  /** Result column names and types of a query, without running it. */
  queryColumns(sql: string): Promise<ColumnInfo[]>;
  /** Runs `fn` with the connection to itself (no other caller's statement runs meanwhile), where that can happen. */
  exclusive?<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
