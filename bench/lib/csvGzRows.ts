// Rows of a gzipped CSV file with a header line, as string arrays (for the benchmarks' shipped data).
// Handles double-quoted fields (with "" escapes and commas inside), not newlines inside quotes:
// the shipped files have none.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface CsvTable {
  header: string[];
  rows: string[][];
  /** Column index by header name; throws naming the file when absent. */
  col: (name: string) => number;
}

export function csvFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quote in: ${line}`);
        s += line.slice(i, q);
        if (line[q + 1] === '"') {
          s += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(s);
      i++; // the comma
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

export function csvGzRows(path: string): CsvTable {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const header = csvFields(lines[0]);
  const rows = lines.slice(1).map((l, i) => {
    const f = csvFields(l);
    if (f.length !== header.length) throw new Error(`${path}:${i + 2}: ${f.length} fields, expected ${header.length}`);
    return f;
  });
  const col = (name: string) => {
    const c = header.indexOf(name);
    if (c < 0) throw new Error(`${path}: no column ${name} (has ${header.join(', ')})`);
    return c;
  };
  return { header, rows, col };
}
