// A real `nextbest serve` in a child process, for tests of what only a process shows: the
// discovery file, CLI commands going through the server, kill -9 and restart, SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { liveServer, type Discovery } from '../../src/client/discovery.ts';

const BIN = fileURLToPath(new URL('../../bin/nextbest.js', import.meta.url));

export interface ServerProcess extends Discovery {
  child: ChildProcess;
  output: () => string;
  /** Waits for the process to exit (after a signal). */
  exited: Promise<number | null>;
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
}

export async function startServerProcess(db: string, extraArgs: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const deadline = Date.now() + 60_000;
  let d: Discovery | null = null;
  while (!(d = liveServer(db)) || d.pid !== child.pid) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const disc = d;
  return {
    ...disc,
    child,
    exited,
    output: () => out,
    async api(method, path, body) {
      const res = await fetch(new URL(path, disc.url), {
        method,
        headers: { authorization: `Bearer ${disc.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    },
  };
}
