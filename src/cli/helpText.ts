// The text of `nextbest --help` (every command, one line each) and `nextbest <command> --help`
// (summary, usage, every flag with its description and example, whole-command examples).
import type { CommandHelp } from './commandHelp.ts';

const WIDTH = 100;
const FLAG_COLUMN = 24;

export function overviewHelp(commands: readonly CommandHelp[]): string {
  const rows = commands.map((c) => `  nextbest ${c.path.join(' ').padEnd(22)} ${c.summary}`);
  return (
    `nextbest — open next-best-offer engine\n\nCommands:\n${rows.join('\n')}\n\n` +
    'Global: --db PATH (or NEXTBEST_DB; default ./nextbest.duckdb). Add --help to any command ' +
    '(or: nextbest help <command>). nextbest --version prints the version.\n'
  );
}

export function commandHelpText(c: CommandHelp): string {
  const parts = [`nextbest ${c.path.join(' ')} — ${c.summary}\n\nusage: ${c.usage}\n`];
  if (c.flags?.length) {
    const rows = c.flags.map((f) => {
      // The example on a line of its own, never wrapped, so it can be copied whole.
      const lines = [...wrap(f.description, WIDTH - FLAG_COLUMN - 2), ...(f.example ? [`e.g. ${f.example}`] : [])];
      const first = f.flag.length < FLAG_COLUMN ? `  ${f.flag.padEnd(FLAG_COLUMN)}${lines[0]}` : `  ${f.flag}\n${indent(lines[0])}`;
      return [first, ...lines.slice(1).map(indent)].join('\n');
    });
    parts.push(`\nFlags:\n${rows.join('\n')}\n`);
  }
  if (c.examples?.length) parts.push(`\nExamples:\n${c.examples.map((e) => `  ${e}`).join('\n')}\n`);
  return parts.join('');
}

function indent(line: string): string {
  return ' '.repeat(FLAG_COLUMN + 2) + line;
}

/** Greedy word wrap; a word longer than the width gets a line of its own. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}
