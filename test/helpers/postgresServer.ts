// A throwaway PostgreSQL server for the PostgreSQL import/export tests: initdb into a temp dir,
// postgres on a free loopback port (unix socket in the temp dir), trust auth, one database. Needs
// the Debian package postgresql (/usr/lib/postgresql/<version>/bin); initdb refuses to run as
// root, so as root the server runs as the `postgres` user in a temp dir it owns. When it cannot
// start, startPostgresServer throws a message naming the package, so tests fail loudly.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { freePort } from './freePort.ts';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const installHint = 'install the Debian package postgresql (apt-get install postgresql); scripts/test.sh does this when run as root';

export interface PostgresTestServer {
  host: string;
  port: number;
  user: string;
  database: string;
  /** postgres://user@127.0.0.1:port/db — no password (trust auth). */
  url: string;
  /** A client connected to the test database (the test ends it). */
  client(): Promise<pg.Client>;
  stop(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error(`PostgreSQL tests need ${root}/<version>/bin/initdb: ${installHint}`);
  return join(root, versions[0], 'bin');
}

/** The server's own user: root may not run it, so it becomes `postgres` (the Debian package's user). */
function serverUser(): { name: string; uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  const uid = Number(String(execFileSync('id', ['-u', 'postgres'])).trim());
  const gid = Number(String(execFileSync('id', ['-g', 'postgres'])).trim());
  return { name: 'postgres', uid, gid };
}

export async function startPostgresServer(): Promise<PostgresTestServer> {
  const bin = binDir();
  const dir = await mkdtemp(join(tmpdir(), 'nb-pg-'));
  const data = join(dir, 'data');
  const as = serverUser();
  if (as) {
    chownSync(dir, as.uid, as.gid);
    chmodSync(dir, 0o700);
  }
  const opts = as ? { uid: as.uid, gid: as.gid } : {};
  const user = as ? as.name : userInfo().username;
  await run(join(bin, 'initdb'), ['-D', data, '-U', user, '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], opts);
  const port = await freePort();
  const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'];
  const proc: ChildProcess = spawn(join(bin, 'postgres'), args, { ...opts, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr!.on('data', (b: Buffer) => (log = (log + b.toString()).slice(-4000)));
  const database = 'nextbest_test';
  const url = `postgres://${user}@127.0.0.1:${port}/${database}`;
  const connect = async (db: string) => {
    const c = new pg.Client({ host: '127.0.0.1', port, user, database: db });
    await c.connect();
    return c;
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const admin = await connect('postgres');
      await admin.query(`CREATE DATABASE ${database}`);
      await admin.end();
      break;
    } catch (e) {
      if (proc.exitCode !== null || Date.now() > deadline) {
        proc.kill('SIGKILL');
        await rm(dir, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start (${(e as Error).message}): ${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    host: '127.0.0.1',
    port,
    user,
    database,
    url,
    client: () => connect(database),
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGINT'); // fast shutdown: ends sessions, no checkpoint wait
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
