// Detects a CSV file's dialect from its first bytes: delimiter, quote, header, encoding and
// column names. Done here (not by DuckDB's sniffer) because the sniffer silently skips leading
// rows of a malformed file; we then read with DuckDB using exactly these options, so a bad row
// becomes an error with its line number instead of vanishing.

export interface CsvDialect {
  delimiter: string;
  quote: string;
  header: boolean;
  /** DuckDB read_csv encoding: 'utf-8', 'utf-16' or 'latin-1'. */
  encoding: string;
  /** Column names: the header's (blank → columnN, duplicates → name_2), or column1..N. */
  columns: string[];
}

export interface DialectGiven {
  delimiter?: string;
  header?: boolean;
  encoding?: string;
}

const DELIMITERS = [',', ';', '\t', '|'];
const SAMPLE_LINES = 50;

/** Splits one CSV record (no embedded newlines) on `delim`, honouring `quote` and doubled quotes. */
export function fieldsFromLine(line: string, delim: string, quote = '"'): string[] {
  const out: string[] = [];
  let cur = '';
  let inQ = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inQ) {
      if (ch === quote && line[i + 1] === quote) {
        cur += quote;
        i++;
      } else if (ch === quote) inQ = false;
      else cur += ch;
    } else if (ch === quote && cur.trim() === '') {
      inQ = true;
      cur = '';
    } else if (ch === delim) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Encoding from a byte sample: BOMs first, then strict UTF-8 decoding, else latin-1.
 * `cut` = the sample is a prefix of a longer file, so it may end inside a multi-byte character.
 */
export function encodingFromSample(bytes: Uint8Array, cut = false): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16';
  // A cut sample may end inside a multi-byte character: then retry without up to 3 trailing bytes.
  for (let drop = 0; drop < (cut ? 4 : 1); drop++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - drop)));
      return 'utf-8';
    } catch {
      /* try a shorter tail */
    }
  }
  return 'latin-1';
}

/**
 * Dialect from the decoded first lines. Delimiter: the candidate whose field count is > 1 and the
 * same on the most sample lines (ties → more fields). Header: present unless a first-row cell is
 * a number or an ISO date (a header cell never is) — or as given.
 */
export function csvDialectFromSample(text: string, given: DialectGiven, encoding: string): CsvDialect {
  const quote = '"';
  let lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.length > 1) lines = lines.slice(0, -1); // the last piece may be a cut-off line
  lines = lines.filter((l) => l.trim() !== '').slice(0, SAMPLE_LINES);
  const delimiter = given.delimiter ?? bestDelimiter(lines, quote);
  const first = lines.length ? fieldsFromLine(lines[0], delimiter, quote) : [];
  const header = given.header ?? !first.some((c) => looksLikeData(c));
  const columns = header ? uniqueNames(first) : first.map((_, i) => `column${i + 1}`);
  return { delimiter, quote, header, encoding: given.encoding ?? encoding, columns };
}

function bestDelimiter(lines: string[], quote: string): string {
  let best = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => fieldsFromLine(l, d, quote).length);
    if (!counts.length || counts[0] < 2) continue;
    const same = counts.filter((c) => c === counts[0]).length / counts.length;
    const score = same * 1000 + counts[0];
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function looksLikeData(cell: string): boolean {
  const c = cell.trim();
  return /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/.test(c) || /^\d{4}-\d{2}-\d{2}/.test(c);
}

function uniqueNames(cells: string[]): string[] {
  const seen = new Set<string>();
  return cells.map((c, i) => {
    let name = c.trim() || `column${i + 1}`;
    // DuckDB identifiers are case-insensitive: 'Price' and 'price' would clash.
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${c.trim() || `column${i + 1}`}_${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
}
