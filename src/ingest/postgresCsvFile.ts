// Streams a PostgreSQL query's rows into a CSV file, batch by batch through a server-side cursor,
// so a table of any size passes in bounded memory. Values arrive as PostgreSQL's text output (no
// JS parsing), which is what a CSV export of the table would hold: the file importer then reads
// and validates it exactly as it reads a user's file.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type pg from 'pg';
import Cursor from 'pg-cursor';
import { UserError } from '../domain/errors.ts';

export interface CsvFromQuery {
  columns: string[];
  rows: number;
  /** Physical CSV line (1 = header) → 1-based row of the result; only differs from line − 1 after values with line breaks. */
  rowOfLine(line: number): number;
}

const BOOL_OID = 16;
/** Text as PostgreSQL sends it, except booleans ('t'/'f' → true/false, as files write them). */
const asText = { getTypeParser: (oid: number) => (oid === BOOL_OID ? (v: string) => (v === 't' ? 'true' : 'false') : (v: string) => v) };

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]|^\s|\s$/.test(s) || s === '' ? `"${s.replaceAll('"', '""')}"` : s;
}

function readBatch(cursor: Cursor, n: number): Promise<{ rows: unknown[][]; fields: string[] }> {
  return new Promise((resolve, reject) => {
    cursor.read(n, (err, rows, result) => {
      if (err) reject(err);
      else resolve({ rows: rows as unknown[][], fields: (result?.fields ?? []).map((f) => f.name) });
    });
  });
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * Runs `sql` on `client` and writes header + rows to `file`. `source` names the query in errors;
 * `onRows` reports the rows written so far after each batch.
 */
export async function csvFromQuery(
  client: pg.Client,
  sql: string,
  file: string,
  source: string,
  opts: { batchRows?: number; onRows?: (rows: number) => void } = {},
): Promise<CsvFromQuery> {
  const batch = opts.batchRows ?? 50_000;
  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  // Rows whose values span lines, as (row, extra line breaks up to and including it), ascending.
  const spans: { row: number; extra: number }[] = [];
  let extra = 0;
  let rows = 0;
  let columns: string[] = [];
  const cursor = client.query(new Cursor(sql, [], { rowMode: 'array', types: asText }));
  try {
    for (;;) {
      const got = await Promise.race([readBatch(cursor, batch), failed]);
      if (rows === 0) {
        columns = got.fields;
        if (!columns.length) throw new UserError(`${source}: the query returns no columns`);
        await write(out, columns.map(csvField).join(',') + '\n');
      }
      if (!got.rows.length) break;
      let text = '';
      for (const r of got.rows) {
        rows++;
        const line = r.map(csvField).join(',');
        const breaks = line.match(/\r\n|\r|\n/g)?.length ?? 0;
        if (breaks) spans.push({ row: rows, extra: (extra += breaks) });
        text += line + '\n';
      }
      await write(out, text);
      opts.onRows?.(rows);
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    // Errors from the server carry a severity; others are the connection or the temp file (disk full).
    const fromServer = typeof (e as { severity?: unknown }).severity === 'string';
    const what = fromServer ? 'PostgreSQL refused the query' : `reading rows into ${file} failed`;
    throw new UserError(`${source}: ${what}: ${(e as Error).message}`);
  } finally {
    await cursor.close().catch(() => undefined);
    out.end();
    await Promise.race([once(out, 'close'), failed]);
  }
  return { columns, rows, rowOfLine: (line) => rowOfLine(line, spans) };
}

/**
 * Row r starts on line r + 1 + (line breaks inside rows before r). The row after span i starts on
 * line span.row + 2 + span.extra, increasing in i: count the spans whose next row starts at or
 * before `line`, and the last of them gives the line breaks to take off.
 */
function rowOfLine(line: number, spans: { row: number; extra: number }[]): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].row + 2 + spans[mid].extra <= line) lo = mid + 1;
    else hi = mid;
  }
  return line - 1 - (lo ? spans[lo - 1].extra : 0);
}
