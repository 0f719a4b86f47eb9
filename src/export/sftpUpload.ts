// Uploads a finished local file to an SFTP server so that a partial file never appears under the
// final name: send to a hidden temp sibling (staleTempFiles.ts), then rename (POSIX rename, which replaces atomically;
// servers without the extension get delete + rename). A dropped connection restarts the whole
// upload with exponential backoff; the temp name is fixed per call, so a retry overwrites the
// leftover of a dropped attempt instead of leaving it behind.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { UserError } from '../domain/errors.ts';
import type { OnExportProgress } from './exportProgress.ts';
import { errorFromSftpFailure, isRetryable, sftpFailureKind } from './sftpFailure.ts';
import { targetLabel, type SftpTarget } from './target.ts';
import { isStale, tempNameFor, tempWriter } from './staleTempFiles.ts';

export interface SftpUploadConfig {
  /** Whole-upload attempts before giving up (connection drops and refusals are retried). */
  attempts: number;
  /** Wait before the 2nd attempt; doubles for each further one (500, 1000, 2000 ms …). */
  backoffMs: number;
  /** SSH handshake timeout per attempt. */
  readyTimeoutMs: number;
  /** Makes the client for each attempt; tests inject faults here. */
  clientFactory: () => SftpClient;
}

export const DEFAULT_SFTP_UPLOAD_CONFIG: SftpUploadConfig = {
  attempts: 3,
  backoffMs: 500,
  readyTimeoutMs: 10_000,
  clientFactory: () => new SftpClient('nextbest-export'),
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `SHA256:<base64, no padding>` of a raw SSH public key blob, as `ssh-keygen -lf` prints it. */
export function sha256FingerprintFromKey(key: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
}

async function connectOptions(target: SftpTarget, cfg: SftpUploadConfig): Promise<SftpClient.ConnectOptions> {
  const cred = target.credentials();
  const opts: SftpClient.ConnectOptions = {
    host: target.host,
    port: target.port,
    username: target.user,
    readyTimeout: cfg.readyTimeoutMs,
  };
  if (cred.privateKeyPath) {
    try {
      opts.privateKey = await readFile(cred.privateKeyPath);
    } catch (e) {
      throw new UserError(`cannot read SFTP key ${cred.privateKeyPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (cred.passphrase) opts.passphrase = cred.passphrase;
  } else if (cred.password !== undefined) {
    opts.password = cred.password;
  }
  const expected = target.hostKeySha256?.replace(/=+$/, '');
  if (expected) opts.hostVerifier = (key: Buffer) => sha256FingerprintFromKey(key) === expected;
  return opts;
}

/** Closes the connection, giving up after 2 s (a half-dead connection may never answer). */
async function endQuietly(client: SftpClient): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((r) => (timer = setTimeout(r, 2000)));
  await Promise.race([
    client.end().then(
      () => undefined,
      () => undefined,
    ),
    timeout,
  ]);
  clearTimeout(timer);
}

/**
 * Removes temp files a killed or dropped upload of the same target left on the server (see
 * staleTempFiles.ts: writer gone on this host, or older than STALE_TEMP_MS). Best effort: a
 * listing or delete the server refuses must not fail the upload.
 */
async function removeStaleRemoteTemps(client: SftpClient, finalPath: string): Promise<void> {
  const dir = posix.dirname(finalPath),
    name = posix.basename(finalPath);
  const entries = await client.list(dir).catch(() => []);
  for (const e of entries) {
    const writer = tempWriter(e.name, name) ?? legacyPartWriter(e.name, name);
    if (writer && isStale(writer, Date.now() - e.modifyTime)) await client.delete(posix.join(dir, e.name), true).catch(() => undefined);
  }
}

/** `<name>.part-<12 hex>`: the remote temp name before staleTempFiles; no pid, so only its age can tell. */
function legacyPartWriter(entry: string, name: string): { host: null; pid: null } | null {
  return entry.startsWith(`${name}.part-`) && /^[0-9a-f]{12}$/.test(entry.slice(name.length + 6)) ? { host: null, pid: null } : null;
}

/** One attempt: connect, check the folder, clear stale temps, send to `part`, rename to the final path. */
async function uploadOnce(
  client: SftpClient,
  localPath: string,
  part: string,
  target: SftpTarget,
  opts: SftpClient.ConnectOptions,
  totalBytes: number,
  attempt: number,
  onProgress?: OnExportProgress,
): Promise<void> {
  await client.connect(opts);
  const dir = posix.dirname(target.path);
  const kind = await client.exists(dir);
  if (kind !== 'd') {
    throw new UserError(
      `SFTP upload to ${targetLabel(target)} failed: remote folder ${dir} ${kind === false ? 'does not exist' : 'is not a folder'}`,
    );
  }
  await removeStaleRemoteTemps(client, target.path);
  await client.fastPut(localPath, part, {
    step: (bytes: number) => onProgress?.({ phase: 'upload', attempt, bytes, totalBytes }),
  });
  try {
    await client.posixRename(part, target.path);
  } catch (e) {
    if (sftpFailureKind(e) === 'transient' && /does not support|unsupported|not supported/i.test(String((e as Error).message))) {
      // No posix-rename@openssh.com: plain SFTP rename refuses to overwrite, so delete first.
      if (await client.exists(target.path)) await client.delete(target.path);
      await client.rename(part, target.path);
    } else throw e;
  }
}

/**
 * Uploads `localPath` to `target.path`. Returns the byte count and the attempts used.
 * Throws UserError (exit 2) for bad credentials, unknown/unreachable host, a missing remote
 * folder or no permission; a plain Error (exit 1) when every attempt was dropped.
 */
export async function uploadFileSftp(
  localPath: string,
  target: SftpTarget,
  config: Partial<SftpUploadConfig> = {},
  onProgress?: OnExportProgress,
): Promise<{ bytes: number; attempts: number }> {
  const cfg = { ...DEFAULT_SFTP_UPLOAD_CONFIG, ...config };
  if (!Number.isInteger(cfg.attempts) || cfg.attempts < 1) throw new RangeError(`attempts must be ≥ 1 (got ${cfg.attempts})`);
  const where = targetLabel(target);
  const totalBytes = (await stat(localPath)).size;
  const opts = await connectOptions(target, cfg);
  // Hidden and `.tmp`-ended (never under the final name's pattern), naming this host and pid.
  const part = posix.join(posix.dirname(target.path), tempNameFor(posix.basename(target.path)));
  for (let attempt = 1; ; attempt++) {
    const client = cfg.clientFactory();
    try {
      await uploadOnce(client, localPath, part, target, opts, totalBytes, attempt, onProgress);
      await endQuietly(client);
      return { bytes: totalBytes, attempts: attempt };
    } catch (e) {
      // Best effort: the connection may be gone; a later attempt reuses (overwrites) `part`.
      await client.delete(part, true).catch(() => undefined);
      await endQuietly(client);
      if (e instanceof UserError) throw e;
      const kind = sftpFailureKind(e);
      if (!isRetryable(kind) || attempt >= cfg.attempts) throw errorFromSftpFailure(e, where, attempt);
      const delayMs = cfg.backoffMs * 2 ** (attempt - 1);
      onProgress?.({ phase: 'retry', attempt, delayMs, message: String((e as Error).message) });
      await sleep(delayMs);
    }
  }
}
