// A throwaway redis-server on loopback for the scale-out tests: a free high port, its own temp dir,
// no persistence (so a restart forgets every job, the harshest case). Needs Debian's redis-server;
// without it startRedisServer throws a message naming the package, so tests fail loudly.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { freePort } from './freePort.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REDIS = '/usr/bin/redis-server';

export interface RedisTestServer {
  url: string;
  port: number;
  /** Kills the server (SIGKILL) and starts a new, empty one on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** True once redis answers PING with PONG. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ host: '127.0.0.1', port });
    sock.once('connect', () => sock.write('PING\r\n'));
    sock.once('data', (d) => {
      sock.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    sock.once('error', () => resolve(false));
  });
}

export async function startRedisServer(): Promise<RedisTestServer> {
  if (!existsSync(REDIS))
    throw new Error(`scale-out tests need ${REDIS}: install the Debian package redis-server (scripts/test.sh does when run as root)`);
  const dir = await mkdtemp(join(tmpdir(), 'nb-redis-'));
  const port = await freePort();
  let proc: ChildProcess | null = null;
  let log = '';
  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
    proc = spawn(REDIS, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout!.on('data', (d) => (log += d));
    proc.stderr!.on('data', (d) => (log += d));
    for (let i = 0; i < 100; i++) {
      if (await pong(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not start on port ${port}:\n${log}`);
  };
  const kill = async () => {
    const p = proc;
    if (!p || p.exitCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await gone;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart() {
      await kill();
      await start();
    },
    async stop() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
