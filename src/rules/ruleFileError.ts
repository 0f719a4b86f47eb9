// A rule file that fails validation: every problem as `file:line:column: field F: reason`, in one
// InputError (exit 2, HTTP 400, kept across the wire), and nothing is stored.
import { InputError, type RowProblem } from '../domain/errors.ts';

/** One problem in a rule file; `column` is 1-based, `field` the dotted path (rules[2].when.bought.min_orders). */
export interface RuleProblem {
  file: string;
  line: number;
  column: number;
  field: string;
  reason: string;
}

const SHOWN = 20;

export function ruleFileError(unsorted: RuleProblem[]): InputError {
  const problems = [...unsorted].sort((a, b) => a.line - b.line || a.column - b.column);
  const rows: RowProblem[] = problems.slice(0, SHOWN).map((p) => ({ file: p.file, line: p.line, column: p.field, reason: p.reason }));
  const err = new InputError(rows, problems.length);
  const lines = problems.slice(0, SHOWN).map((p) => `${p.file}:${p.line}:${p.column}: ${p.field ? `field ${p.field}: ` : ''}${p.reason}`);
  if (problems.length > SHOWN) lines.push(`… and ${problems.length - SHOWN} more problem(s)`);
  err.message = [`${problems.length} problem(s) in the rule file; nothing was stored`, ...lines].join('\n');
  return err;
}
