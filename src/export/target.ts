// Where an export goes: a local file, or a file on an SFTP server. Secrets never live in a plain
// field: credentials sit behind a function, so JSON.stringify / console.log of a Target, and the
// label stored in the `exports` history, can never contain a password.
import { resolve } from 'node:path';
import { UserError } from '../domain/errors.ts';

export interface SftpCredentials {
  /** PEM/OpenSSH private key path (key auth); read when connecting. */
  privateKeyPath?: string;
  /** Passphrase of an encrypted private key. */
  passphrase?: string;
  /** Password auth; only from NEXTBEST_SFTP_PASSWORD, never from the URL. */
  password?: string;
}

export interface LocalTarget {
  kind: 'local';
  /** Absolute file path. */
  path: string;
}

export interface SftpTarget {
  kind: 'sftp';
  host: string;
  port: number;
  user: string;
  /** Remote file path: absolute (`/srv/out.csv`), or relative to the login folder when the URL says `/~/out.csv`. */
  path: string;
  /** Expected host key fingerprint `SHA256:…` (as `ssh-keygen -lf` prints); undefined = accept any host key. */
  hostKeySha256?: string;
  credentials: () => SftpCredentials;
}

export type Target = LocalTarget | SftpTarget;

export interface TargetOptions {
  /** --sftp-key PATH; falls back to env NEXTBEST_SFTP_KEY. */
  sftpKey?: string;
  /** --sftp-host-key SHA256:…; falls back to env NEXTBEST_SFTP_HOST_KEY. */
  sftpHostKey?: string;
  env?: NodeJS.ProcessEnv;
  /** Base folder for relative local paths (default: process.cwd()). */
  cwd?: string;
}

/**
 * Parses `--out`-style target text: `sftp://user@host[:port]/path/file.csv` or a local path.
 * Key auth comes from --sftp-key / NEXTBEST_SFTP_KEY (+ NEXTBEST_SFTP_KEY_PASSPHRASE), password
 * auth from NEXTBEST_SFTP_PASSWORD; a key wins when both are set.
 */
export function targetFromString(spec: string, opts: TargetOptions = {}): Target {
  const env = opts.env ?? process.env;
  const text = spec.trim();
  if (text === '') throw new UserError('export target is empty');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'local', path: resolve(opts.cwd ?? process.cwd(), text) };
  if (scheme !== 'sftp')
    throw new UserError(`unsupported export target '${scheme}://…': use a local path or sftp://user@host:port/path/file`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`invalid SFTP target '${text}': expected sftp://user@host:port/path/file`);
  }
  if (url.password) throw new UserError('do not put a password in the SFTP URL: set NEXTBEST_SFTP_PASSWORD or use --sftp-key');
  const user = decodeURIComponent(url.username);
  if (!user) throw new UserError(`SFTP target '${text}' has no user: expected sftp://user@host:port/path/file`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new UserError(`SFTP target '${text}' has no host`);
  const port = url.port === '' ? 22 : Number(url.port);
  if (port < 1) throw new UserError(`SFTP target '${text}' has an invalid port`);
  let path = decodeURIComponent(url.pathname);
  if (path.startsWith('/~/')) path = path.slice(3);
  if (path === '' || path.endsWith('/')) throw new UserError(`SFTP target '${text}' must name a file, not a folder`);
  if (url.search || url.hash) throw new UserError(`SFTP target '${text}' must not contain '?' or '#'`);
  const keyPath = opts.sftpKey ?? env.NEXTBEST_SFTP_KEY;
  const password = env.NEXTBEST_SFTP_PASSWORD;
  const passphrase = env.NEXTBEST_SFTP_KEY_PASSPHRASE;
  if (!keyPath && !password) {
    throw new UserError('SFTP export needs credentials: --sftp-key PATH (or NEXTBEST_SFTP_KEY), or NEXTBEST_SFTP_PASSWORD');
  }
  const hostKey = opts.sftpHostKey ?? env.NEXTBEST_SFTP_HOST_KEY;
  if (hostKey !== undefined && !/^SHA256:[A-Za-z0-9+/]{43}=?$/.test(hostKey)) {
    throw new UserError(`SFTP host key '${hostKey}' must look like SHA256:… (ssh-keygen -lf prints it)`);
  }
  const credentials = (): SftpCredentials =>
    keyPath ? { privateKeyPath: resolve(opts.cwd ?? process.cwd(), keyPath), passphrase } : { password };
  return { kind: 'sftp', host, port, user, path, hostKeySha256: hostKey, credentials };
}

/** Text that identifies a target in logs and in the `exports` history: never includes a secret. */
export function targetLabel(target: Target): string {
  if (target.kind === 'local') return target.path;
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const path = target.path.startsWith('/') ? target.path : `/~/${target.path}`;
  return `sftp://${encodeURIComponent(target.user)}@${host}:${target.port}${path}`;
}
