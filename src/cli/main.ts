// CLI entry: picks the command by its leading words, maps errors to exit codes
// (0 ok, 2 bad input or usage, 1 internal failure). Help, --version and unknown commands import no
// command module: compiled, the command list comes from the help manifest and only the chosen
// command's module is loaded; from source (tsx, tests) every command is imported.
import { UserError } from '../domain/errors.ts';
import type { CliIO, Command } from './command.ts';
import { printable } from './format.ts';
import { pickCommand, readHelpManifest, type CommandHelp, type ManifestEntry } from './commandHelp.ts';
import { commandHelpText, overviewHelp } from './helpText.ts';
import { packageVersion } from '../domain/packageVersion.ts';

/** What main needs to know about the commands: their help, and how to load one to run it. */
interface Catalogue {
  helps: CommandHelp[];
  load(help: CommandHelp): Promise<Command>;
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    io.out(`${packageVersion()}\n`);
    return 0;
  }
  const cat = await catalogue();
  // `nextbest help tor show` is `nextbest tor show --help`
  const helpWord = argv[0] === 'help';
  const words = helpWord ? argv.slice(1) : argv;
  const help = pickCommand(cat.helps, words);
  if (!help) {
    if (words.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
      io.out(overviewHelp(cat.helps));
      return argv.length === 0 ? 2 : 0;
    }
    io.err(`unknown command: ${words.join(' ')}\n\n${overviewHelp(cat.helps)}`);
    return 2;
  }
  const rest = words.slice(help.path.length);
  if (helpWord || rest.includes('--help')) {
    io.out(commandHelpText(help));
    return 0;
  }
  try {
    const cmd = await cat.load(help);
    await cmd.run(rest, io);
    return 0;
  } catch (e) {
    if (e instanceof UserError) {
      // Messages quote values from users' files: their lines stay lines, but control characters inside them are shown, not obeyed.
      io.err(`error: ${e.message.split('\n').map(printable).join('\n')}\n`);
      return 2;
    }
    io.err(`internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

async function catalogue(): Promise<Catalogue> {
  const manifest = readHelpManifest();
  if (manifest) {
    return {
      helps: manifest,
      async load(help) {
        const entry = help as ManifestEntry;
        const mod = (await import(new URL(`./commands/${entry.module}`, import.meta.url).href)) as Record<string, Command>;
        return mod[entry.exportName];
      },
    };
  }
  const { commands } = await import('./commands/index.ts');
  return { helps: commands, load: async (help) => help as Command };
}

function defaultIO(): CliIO {
  return { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: process.env };
}
