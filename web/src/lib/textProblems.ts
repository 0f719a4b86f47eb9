// Errors in a posted text (an offer map, a rule file) as people read them: "Line 4, column 7
// (rules.0.segment): unknown segment 'x'". The server sends file:line:column problems with a 400;
// a message without a list (a plain 400) still names its line, so that is parsed as a fallback.
import type { TextProblem } from '../api/client.ts';

export interface ProblemLine {
  line: number | null;
  text: string;
}

export function problemLines(problems: TextProblem[], message: string): ProblemLine[] {
  if (problems.length) {
    return problems.map((p) => ({ line: p.line, text: `Line ${p.line}, column ${p.column}: ${p.reason}` }));
  }
  // "file:12: column 3: reason" lines inside the message, else the whole message.
  const found = message
    .split('\n')
    .map((l) => /^[^:\n]*:(\d+):\s*(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m);
  if (found.length) return found.map((m) => ({ line: Number(m[1]), text: `Line ${m[1]}: ${m[2]}` }));
  return [{ line: null, text: message }];
}

/** The first line that has a problem, to put the cursor there. */
export function firstProblemLine(lines: ProblemLine[]): number | null {
  const ls = lines.map((l) => l.line).filter((n): n is number => n !== null);
  return ls.length ? Math.min(...ls) : null;
}

/** Character offset of the start of a 1-based line in a text (for selecting it in a textarea). */
export function lineOffset(text: string, line: number): { start: number; end: number } {
  const lines = text.split('\n');
  const n = Math.max(1, Math.min(line, lines.length));
  let start = 0;
  for (let i = 0; i < n - 1; i++) start += lines[i].length + 1;
  return { start, end: start + lines[n - 1].length };
}
