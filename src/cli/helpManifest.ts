// Builds the help manifest (see commandHelp.ts): every registered command's help, plus the file in
// cli/commands/ that exports it. Runs at build time on the compiled modules (scripts/buildHelpManifest.mjs).
import { readdirSync } from 'node:fs';
import { extname } from 'node:path';
import { helpOf, type ManifestEntry } from './commandHelp.ts';
import type { Command } from './command.ts';

export async function buildHelpManifest(): Promise<ManifestEntry[]> {
  const dir = new URL('./commands/', import.meta.url);
  const ext = extname(new URL(import.meta.url).pathname); // .ts from source, .js compiled
  const { commands } = (await import('./commands/index.ts')) as { commands: Command[] };
  const home = new Map<Command, { module: string; exportName: string }>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(ext) && f !== `index${ext}`)
    .sort()) {
    const mod = (await import(new URL(file, dir).href)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(mod)) {
      if (commands.includes(value as Command)) home.set(value as Command, { module: file, exportName });
    }
  }
  return commands.map((c) => {
    const where = home.get(c);
    if (!where) throw new Error(`command '${c.path.join(' ')}' is not exported by any file in cli/commands/`);
    return { ...helpOf(c), ...where };
  });
}
