// Plain-text tables for terminal output (results go to stdout; logs to stderr).
export function table(headers: string[], rows: (string | number)[][]): string {
  // Names and ids come from users' files: a newline or an ANSI escape in one must not redraw the terminal.
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : printable(String(c ?? '')))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => String(r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (/^-?[\d,.]+%?$/.test(c) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map((r) => line(r.map(String)))].join('\n') + '\n';
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return Math.abs(n) >= 100 ? n.toLocaleString('en-US', { maximumFractionDigits: 2 }) : n.toFixed(4);
}

/**
 * `s` safe to print on a terminal: control characters (newline, tab, ESC of ANSI codes, NUL, DEL, C1)
 * and bidirectional overrides are shown escaped (\n, \t, \x1b, \u202e), so a name taken from a file
 * cannot break a table's lines, recolour or rewrite the screen, or disguise itself. Other text is unchanged.
 */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
