// A throwaway OpenSSH server on loopback for SFTP tests: own host key, own client keys, own
// config, a free high port, internal-sftp. Needs /usr/sbin/sshd (Debian package openssh-server);
// when it cannot start, startSftpServer throws a message naming that package, so tests fail
// loudly instead of passing silently.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { freePort } from './freePort.ts';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const SSHD = '/usr/sbin/sshd';
const run = promisify(execFile);

export interface SftpTestServer {
  host: string;
  port: number;
  user: string;
  /** Folder for uploads (inside the server's temp dir). */
  dropDir: string;
  /** Private key the server accepts. */
  clientKey: string;
  /** A valid private key the server does not accept. */
  strangerKey: string;
  /** Host key fingerprint, `SHA256:…`. */
  hostFingerprint: string;
  stop(): Promise<void>;
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ host: '127.0.0.1', port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

const installHint = `install the Debian package openssh-server (apt-get install openssh-server); scripts/test.sh does this when run as root`;

export async function startSftpServer(): Promise<SftpTestServer> {
  if (!existsSync(SSHD)) throw new Error(`SFTP tests need ${SSHD}: ${installHint}`);
  const dir = await mkdtemp(join(tmpdir(), 'nb-sshd-'));
  const dropDir = join(dir, 'drop');
  await mkdir(dropDir);
  const keygen = (file: string) => run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'nextbest-test', '-f', join(dir, file)]);
  try {
    await Promise.all([keygen('host'), keygen('client'), keygen('stranger')]);
  } catch (e) {
    throw new Error(`ssh-keygen failed (${(e as Error).message}): ${installHint}`);
  }
  await writeFile(join(dir, 'authorized_keys'), await readFile(join(dir, 'client.pub')));
  const fp = (await run('ssh-keygen', ['-l', '-f', join(dir, 'host.pub')])).stdout.split(' ')[1];
  // Privilege separation needs this empty root-owned folder; packages create it at boot.
  if (process.getuid?.() === 0 && !existsSync('/run/sshd')) await mkdir('/run/sshd', { mode: 0o755 });
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      `ListenAddress 127.0.0.1`,
      `Port ${port}`,
      `HostKey ${join(dir, 'host')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PubkeyAuthentication yes`,
      `PasswordAuthentication no`,
      `KbdInteractiveAuthentication no`,
      `PermitRootLogin yes`,
      `UsePAM no`,
      `StrictModes no`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `Subsystem sftp internal-sftp`,
      `LogLevel ERROR`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  child.once('error', (e) => {
    stderr += String(e);
  });
  const deadline = Date.now() + 5000;
  while (!(await portAccepts(port))) {
    if (exited !== undefined || Date.now() > deadline) {
      child.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
      throw new Error(
        `sshd did not start (exit ${exited}): ${stderr.trim() || 'no output'} — ${installHint}; it must run as root to log in as root`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host: '127.0.0.1',
    port,
    user: userInfo().username,
    dropDir,
    clientKey: join(dir, 'client'),
    strangerKey: join(dir, 'stranger'),
    hostFingerprint: fp,
    async stop() {
      if (exited === undefined) {
        child.kill('SIGTERM');
        await exit;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
