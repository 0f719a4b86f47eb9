// Checks an input file before DuckDB reads it, for what DuckDB reports badly or not at all: a
// directory ("no such file"), a garbage or truncated gzip (a raw zlib stack trace, or a column-count
// error on the last, cut line), and JSON nested so deeply that DuckDB's reader overflows its stack
// and kills the process after minutes. One streaming pass, only for gzip and JSON input.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { InputError, UserError } from '../domain/errors.ts';

/** JSON records nest at most this deep (real records: 2–5 levels; DuckDB crashes somewhere past a few thousand). */
export const MAX_JSON_DEPTH = 100;

const GZIP_NAME = /\.(gz|gzip)$/i;

/** Throws a UserError/InputError naming the file when it is missing, a directory, bad gzip or too deeply nested JSON. */
export async function checkInputFile(file: string, format: string): Promise<void> {
  if (!existsSync(file)) throw new UserError(`no such file: ${file}`);
  const st = statSync(file);
  if (st.isDirectory()) throw new UserError(`${file} is a directory, not a file: name a CSV, Parquet or JSON file inside it`);
  if (!st.isFile()) throw new UserError(`${file} is not a regular file`);
  const gz = await hasGzipMagic(file);
  if (GZIP_NAME.test(file) && !gz) throw new UserError(`${file}: not a valid gzip file (it does not start with the gzip header)`);
  const json = format === 'json' || format === 'ndjson';
  if (!gz && !json) return;
  const depth = json ? new JsonDepthScan(file) : null;
  const src = createReadStream(file);
  const stream = gz ? src.pipe(createGunzip()) : src;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) depth?.feed(chunk);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const msg = (e as Error).message;
    if (/unexpected end of file/i.test(msg))
      throw new UserError(`${file}: truncated gzip (the compressed data ends early; copy the file again)`);
    throw new UserError(`${file}: not a valid gzip file (${msg})`);
  } finally {
    src.destroy();
  }
}

async function hasGzipMagic(file: string): Promise<boolean> {
  const src = createReadStream(file, { start: 0, end: 1 });
  const parts: Buffer[] = [];
  for await (const c of src as AsyncIterable<Buffer>) parts.push(c);
  const head = Buffer.concat(parts);
  return head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Tracks bracket depth across chunks, outside strings; throws at the first line nested too deep. */
class JsonDepthScan {
  private depth = 0;
  private line = 1;
  private inString = false;
  private escaped = false;

  constructor(private readonly file: string) {}

  feed(b: Buffer): void {
    for (let i = 0; i < b.length; i++) {
      const c = b[i];
      if (c === 0x0a) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) this.inString = false;
      } else if (c === 0x22) this.inString = true;
      else if (c === 0x5b || c === 0x7b) {
        if (++this.depth > MAX_JSON_DEPTH) {
          const reason = `JSON nested more than ${MAX_JSON_DEPTH} levels deep: not a table of records (refused before reading)`;
          throw new InputError([{ file: this.file, line: this.line, column: '(record)', reason }], 1, `${this.file}: cannot read as JSON`);
        }
      } else if (c === 0x5d || c === 0x7d) this.depth = Math.max(0, this.depth - 1);
    }
  }
}
