// Build step after tsc: writes dist/cli/helpManifest.json, which lets the compiled CLI answer
// `--help` and pick a command without importing every command module. Written last, so bin/nextbest.js
// also uses it as the stamp of a complete build.
import { writeFileSync } from 'node:fs';

const { buildHelpManifest } = await import('../dist/cli/helpManifest.js');
const { HELP_MANIFEST_URL } = await import('../dist/cli/commandHelp.js');
const entries = await buildHelpManifest();
writeFileSync(HELP_MANIFEST_URL, JSON.stringify(entries, null, 1) + '\n');
console.log(`help manifest: ${entries.length} commands → ${HELP_MANIFEST_URL.pathname}`);
