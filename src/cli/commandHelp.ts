// What `--help` needs of a command, without its code. The build writes these for every command into
// dist/cli/helpManifest.json (scripts/buildHelpManifest.mjs), so the compiled CLI prints help and
// finds the command to run without importing the command modules (DuckDB, onnxruntime, fastify…).
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from './command.ts';

export type CommandHelp = Pick<Command, 'path' | 'summary' | 'usage' | 'flags' | 'examples'>;

export interface ManifestEntry extends CommandHelp {
  /** The compiled file in dist/cli/commands/ that exports the command, and the export's name. */
  module: string;
  exportName: string;
}

/** Sits next to this module: in dist/cli/ after a build, absent in src/ (then the CLI imports every command). */
export const HELP_MANIFEST_URL = new URL('./helpManifest.json', import.meta.url);

export function helpOf(c: CommandHelp): CommandHelp {
  return { path: c.path, summary: c.summary, usage: c.usage, flags: c.flags ?? [], examples: c.examples ?? [] };
}

export function readHelpManifest(): ManifestEntry[] | null {
  if (!existsSync(HELP_MANIFEST_URL)) return null;
  return JSON.parse(readFileSync(HELP_MANIFEST_URL, 'utf8')) as ManifestEntry[];
}

/** The command whose words start argv, the longest match winning (`tor create` over `tor`). */
export function pickCommand<C extends Pick<Command, 'path'>>(list: readonly C[], argv: readonly string[]): C | undefined {
  let best: C | undefined;
  for (const c of list) {
    if (c.path.every((w, i) => argv[i] === w) && (!best || c.path.length > best.path.length)) best = c;
  }
  return best;
}
