// Reads an input file with DuckDB's own readers into a temporary table, untouched: CSV as all
// VARCHAR (so validation sees the text), Parquet/JSON with their native types. Row r of the temp
// table (rowid order = file order, kept by DuckDB's preserve_insertion_order) is file line
// r + lineBase: 2 for CSV with a header, 1 for headerless CSV, NDJSON and Parquet/JSON records.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { InputError, UserError } from '../domain/errors.ts';
import { quoteIdent, quoteLiteral, type Store } from '../store/store.ts';
import { checkInputFile } from './checkInputFile.ts';
import { csvDialectFromSample, encodingFromSample, type CsvDialect, type DialectGiven } from './csvDialect.ts';

export type FileFormat = 'csv' | 'parquet' | 'json' | 'ndjson';
export const FORMATS: FileFormat[] = ['csv', 'parquet', 'json', 'ndjson'];

export interface RawTable {
  /** Temp table name. */
  name: string;
  file: string;
  format: FileFormat;
  columns: { name: string; type: string }[];
  /** File line (or record number) of rowid 0. */
  lineBase: number;
  rows: number;
  dialect: CsvDialect | null;
}

const SAMPLE_BYTES = 64 * 1024;

export function formatFromPath(file: string): FileFormat {
  const f = file.toLowerCase().replace(/\.(gz|zst|gzip)$/, '');
  if (f.endsWith('.parquet') || f.endsWith('.pq')) return 'parquet';
  if (f.endsWith('.ndjson') || f.endsWith('.jsonl')) return 'ndjson';
  if (f.endsWith('.json')) return 'json';
  return 'csv';
}

/** The first bytes of a file, gunzipped when it is gzip (magic 1f 8b). */
async function sampleBytes(file: string): Promise<Uint8Array> {
  const head = await readPrefix(createReadStream(file, { start: 0, end: 1 }), 2);
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  const src = createReadStream(file);
  if (!gz) return readPrefix(src, SAMPLE_BYTES);
  const gunzip = createGunzip();
  src.pipe(gunzip);
  try {
    return await readPrefix(gunzip, SAMPLE_BYTES);
  } finally {
    src.destroy();
  }
}

async function readPrefix(stream: NodeJS.ReadableStream & { destroy(): void }, limit: number): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  let n = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parts.push(chunk);
      n += chunk.length;
      if (n >= limit) break;
    }
  } catch (e) {
    if (n === 0) throw e; // a truncated gzip stream still gives a usable prefix
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, limit);
}

function decodeSample(bytes: Uint8Array, encoding: string): string {
  const label = encoding === 'latin-1' ? 'latin1' : encoding === 'utf-16' ? 'utf-16le' : 'utf-8';
  return new TextDecoder(label).decode(bytes);
}

export interface RawOptions extends DialectGiven {
  format?: FileFormat;
  /** Read only the first rows (a preview): DuckDB's readers stop early instead of loading the whole file. */
  limit?: number;
}

/** Loads `file` into temp table `name`; a malformed file is an InputError naming the line. */
export async function rawFromFile(store: Store, name: string, file: string, opts: RawOptions): Promise<RawTable> {
  const format = opts.format ?? formatFromPath(file);
  await checkInputFile(file, format);
  let dialect: CsvDialect | null = null;
  let source: string;
  let lineBase = 1;
  if (format === 'csv') {
    const bytes = await sampleBytes(file);
    const encoding = opts.encoding ?? encodingFromSample(bytes, bytes.length >= SAMPLE_BYTES);
    dialect = csvDialectFromSample(decodeSample(bytes, encoding), opts, encoding);
    if (dialect.columns.length === 0) throw new UserError(`${file}: the file is empty`);
    lineBase = dialect.header ? 2 : 1;
    source = csvSource(file, dialect);
  } else if (format === 'parquet') {
    source = `read_parquet(${quoteLiteral(file)})`;
  } else {
    source = `read_json(${quoteLiteral(file)}, format = ${format === 'ndjson' ? "'newline_delimited'" : "'auto'"})`;
  }
  try {
    const limit = opts.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(opts.limit))}`;
    await store.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} AS SELECT * FROM ${source}${limit}`);
  } catch (e) {
    const msg = (e as Error).message;
    // The sample looked like UTF-8 but a later byte is not: latin-1 is the usual culprit.
    if (dialect && !opts.encoding && /invalid unicode/i.test(msg) && dialect.encoding === 'utf-8') {
      return rawFromFile(store, name, file, { ...opts, encoding: 'latin-1' });
    }
    throw readError(file, format, msg);
  }
  const columns = await store.all<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns
     WHERE table_name = ? AND table_catalog = 'temp' ORDER BY ordinal_position`,
    [name],
  );
  const rows = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${quoteIdent(name)}`))!.n);
  return { name, file, format, columns, lineBase, rows, dialect };
}

function csvSource(file: string, d: CsvDialect): string {
  const cols = d.columns.map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ');
  return `read_csv(${quoteLiteral(file)}, auto_detect = false, header = ${d.header}, skip = 0,
    delim = ${quoteLiteral(d.delimiter)}, quote = ${quoteLiteral(d.quote)}, escape = ${quoteLiteral(d.quote)},
    encoding = ${quoteLiteral(d.encoding)}, strict_mode = true, columns = {${cols}})`;
}

/** DuckDB reader errors → a row problem when the message names a line, else a plain usage error. */
function readError(file: string, format: FileFormat, msg: string): UserError {
  const line = /CSV Error on Line: (\d+)/.exec(msg);
  if (line) {
    const detail = msg
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /Expected Number of Columns|unterminated|Invalid unicode|Value with unterminated quote/i.test(l));
    const reason = detail ?? msg.split('\n')[0];
    return new InputError([{ file, line: Number(line[1]), column: '(row)', reason: reason.replace(/^Invalid Input Error: /, '') }], 1);
  }
  // DuckDB's class prefix ('Invalid Input Error: ') says nothing to a user.
  return new UserError(`${file}: cannot read as ${format}: ${msg.split('\n')[0].replace(/^[A-Za-z ]*Error: /, '')}`);
}
