// Maps CSV record numbers to physical file lines, for error messages only. DuckDB numbers rows by
// record: blank lines are skipped and a quoted field may span lines, so record r is not always
// line r + 2. Only runs when an import fails, and only reads up to the last record it needs.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { RowProblem } from '../domain/errors.ts';
import type { CsvDialect } from './csvDialect.ts';

/**
 * `records`: 0-based data record indices (header excluded). Returns record → 1-based line of the
 * record's first character. Quotes toggle on `quote` (a doubled quote toggles twice: no change).
 */
export async function physicalLines(
  file: string,
  encoding: string,
  header: boolean,
  quote: string,
  records: number[],
): Promise<Map<number, number>> {
  const wanted = new Set(records);
  const out = new Map<number, number>();
  if (!records.length) return out;
  const last = Math.max(...records);
  const head = await firstBytes(file);
  const src = createReadStream(file);
  const stream = head[0] === 0x1f && head[1] === 0x8b ? src.pipe(createGunzip()) : src;
  const decoder = new TextDecoder(encoding === 'latin-1' ? 'latin1' : encoding === 'utf-16' ? 'utf-16le' : 'utf-8');
  let line = 1;
  let inQuote = false;
  let recordStart = 0; // line where the current record began; 0 = no content yet
  let record = header ? -1 : 0;
  try {
    outer: for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = decoder.decode(chunk, { stream: true });
      for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (ch === '\n') {
          if (!inQuote) {
            if (recordStart) {
              if (wanted.has(record)) out.set(record, recordStart);
              if (record >= last) break outer;
              record++;
            }
            recordStart = 0;
          }
          line++;
          continue;
        }
        if (ch !== '\r' && !recordStart) recordStart = line;
        if (ch === quote) inQuote = !inQuote;
      }
    }
    if (recordStart && wanted.has(record)) out.set(record, recordStart);
  } finally {
    src.destroy();
  }
  return out;
}

async function firstBytes(file: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of createReadStream(file, { start: 0, end: 1 })) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** Rewrites record-based line numbers (and 'first at line N') to physical lines of the CSV file. */
export async function withPhysicalLines(problems: RowProblem[], file: string, d: CsvDialect, lineBase: number): Promise<void> {
  const firstAt = /first at line (\d+)/;
  const records = problems.flatMap((p) => [
    p.line - lineBase,
    ...(firstAt.exec(p.reason) ? [Number(firstAt.exec(p.reason)![1]) - lineBase] : []),
  ]);
  const lines = await physicalLines(file, d.encoding, d.header, d.quote, records);
  for (const p of problems) {
    p.line = lines.get(p.line - lineBase) ?? p.line;
    p.reason = p.reason.replace(firstAt, (m, n) => `first at line ${lines.get(Number(n) - lineBase) ?? n}`);
  }
}
