// Debian's Chromium driven by playwright-core for the dashboard's browser tests. The test setup
// (scripts/test.sh) installs the `chromium` package when run as root; the real binary under
// /usr/lib/chromium/ is launched (the /usr/bin wrapper adds flags and a shell in between); playwright gives it a fresh profile.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/lib/chromium-browser/chromium-browser', '/usr/bin/chromium'];

export function chromiumPath(): string | null {
  return process.env.NEXTBEST_CHROMIUM ?? CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is not installed: apt-get install chromium (scripts/test.sh does it when run as root)');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=Translate,MediaRouter',
    ],
  });
}

const ROOT = new URL('../../', import.meta.url);

function newestUnder(dir: string): number {
  let newest = 0;
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) newest = Math.max(newest, statSync(join(f.parentPath ?? (f as unknown as { path: string }).path, f.name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds the dashboard (web/dist) when it is missing or older than its sources, as `npm ci`
 * (prepare → build:web) does, so the server started by a test serves the current code.
 */
export function ensureWebBuilt(): string {
  const web = fileURLToPath(new URL('web/', ROOT));
  const index = join(web, 'dist', 'index.html');
  const sources = Math.max(
    newestUnder(join(web, 'src')),
    statSync(join(web, 'index.html')).mtimeMs,
    statSync(join(web, 'vite.config.ts')).mtimeMs,
  );
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    const vite = fileURLToPath(new URL('node_modules/vite/bin/vite.js', ROOT));
    const r = spawnSync(process.execPath, [vite, 'build', '--config', join(web, 'vite.config.ts'), '--logLevel', 'warn'], {
      encoding: 'utf8',
      cwd: fileURLToPath(ROOT),
    });
    if (r.status !== 0) throw new Error(`building the dashboard failed:\n${r.stdout}\n${r.stderr}`);
  }
  return join(web, 'dist');
}
