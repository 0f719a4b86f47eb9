#!/usr/bin/env node
// Launcher. Runs the compiled CLI in dist/ (`npm run build`; `npm ci` and `npm pack` run it through
// `prepare`), which is all an installed package contains. In a checkout where src/ changed after the
// last build (a developer editing), it runs the TypeScript sources through tsx instead, so an edit
// never meets a stale dist/. The build writes dist/cli/helpManifest.json last: it is the build stamp.
import { existsSync, readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const stamp = new URL('dist/cli/helpManifest.json', root);
const src = new URL('src/', root);

/** The latest modification time of any file under dir (a few ms for a few hundred files). */
function newestUnder(dir) {
  let newest = 0;
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) newest = Math.max(newest, statSync(`${f.parentPath ?? f.path}/${f.name}`).mtimeMs);
  }
  return newest;
}

// `nextbest … | head` closes our stdout early: that is not an error.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });

const built = existsSync(stamp) && (!existsSync(src) || newestUnder(src) <= statSync(stamp).mtimeMs);
let entry = new URL('dist/cli/main.js', root);
if (!built) {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    process.stderr.write('nextbest: dist/ is missing or older than src/, and tsx is not installed to run the sources:'
      + ' run `npm ci` (it builds dist/)\n');
    process.exit(1);
  }
  entry = new URL('src/cli/main.ts', root);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
