// CLI entry: picks the command by its leading words, maps errors to exit codes
// (0 ok, 2 bad input or usage, 1 internal failure).
import { UserError } from '../domain/errors.ts';
import type { CliIO, Command } from './command.ts';
import { commands } from './commands/index.ts';

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const cmd = pick(argv);
  if (!cmd) {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
      io.out(help());
      return argv.length === 0 ? 2 : 0;
    }
    io.err(`unknown command: ${argv.join(' ')}\n\n${help()}`);
    return 2;
  }
  const rest = argv.slice(cmd.path.length);
  if (rest.includes('--help')) {
    io.out(`${cmd.summary}\nusage: ${cmd.usage}\n`);
    return 0;
  }
  try {
    await cmd.run(rest, io);
    return 0;
  } catch (e) {
    if (e instanceof UserError) {
      io.err(`error: ${e.message}\n`);
      return 2;
    }
    io.err(`internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

function pick(argv: string[]): Command | undefined {
  let best: Command | undefined;
  for (const c of commands) {
    if (c.path.every((w, i) => argv[i] === w) && (!best || c.path.length > best.path.length)) best = c;
  }
  return best;
}

function help(): string {
  const rows = commands.map((c) => `  nextbest ${c.path.join(' ').padEnd(22)} ${c.summary}`);
  return `nextbest — open next-best-offer engine\n\nCommands:\n${rows.join('\n')}\n\nGlobal: --db PATH (or NEXTBEST_DB; default ./nextbest.duckdb). Add --help to any command.\n`;
}

function defaultIO(): CliIO {
  return { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: process.env };
}
