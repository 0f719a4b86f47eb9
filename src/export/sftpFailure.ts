// Sorts an SFTP/SSH failure into what the user can fix (exit 2, clear message) and what is worth
// retrying (a dropped connection). Pure: looks only at the error's code and message.
import { UserError } from '../domain/errors.ts';

export type SftpFailureKind =
  | 'auth' // server rejected the key/password
  | 'host-key' // server's host key differs from the expected fingerprint
  | 'dns' // host name does not resolve
  | 'unreachable' // refused / no route / handshake timeout: maybe transient, retried, then a user error
  | 'missing-dir' // remote folder does not exist
  | 'permission' // remote folder or file not writable
  | 'key-file' // local key unreadable or not a private key
  | 'transient'; // dropped connection or other mid-transfer failure: retried

const SFTP_NO_SUCH_FILE = 2;
const SFTP_PERMISSION_DENIED = 3;

export function sftpFailureKind(err: unknown): SftpFailureKind {
  const e = err as { code?: unknown; message?: unknown; level?: unknown };
  const code = e?.code;
  const msg = String(e?.message ?? err);
  if (/authentication methods failed/i.test(msg) || e?.level === 'client-authentication') return 'auth';
  if (/host denied|verification failed/i.test(msg)) return 'host-key';
  if (/cannot parse privatekey|encrypted private openssh key|no passphrase given|bad passphrase/i.test(msg)) return 'key-file';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /address lookup failed/i.test(msg)) return 'dns';
  if (
    code === 'ECONNREFUSED' ||
    code === 'EHOSTUNREACH' ||
    code === 'ENETUNREACH' ||
    /refused connection|timed out while waiting for handshake/i.test(msg)
  ) {
    return 'unreachable';
  }
  if (code === SFTP_NO_SUCH_FILE || code === 'ENOENT' || /no such file/i.test(msg)) return 'missing-dir';
  if (code === SFTP_PERMISSION_DENIED || code === 'EACCES' || /permission denied/i.test(msg)) return 'permission';
  return 'transient';
}

/** Whether another attempt can help. */
export function isRetryable(kind: SftpFailureKind): boolean {
  return kind === 'transient' || kind === 'unreachable';
}

/** The error to surface after the last attempt: a UserError (exit 2) for fixable causes, else the original failure (exit 1). */
export function errorFromSftpFailure(err: unknown, where: string, attempts: number): Error {
  const kind = sftpFailureKind(err);
  const detail = String((err as Error)?.message ?? err);
  switch (kind) {
    case 'auth':
      return new UserError(
        `SFTP authentication failed for ${where}: check --sftp-key / NEXTBEST_SFTP_KEY or NEXTBEST_SFTP_PASSWORD and the user name (${detail})`,
      );
    case 'host-key':
      return new UserError(`SFTP host key of ${where} does not match the expected fingerprint (--sftp-host-key / NEXTBEST_SFTP_HOST_KEY)`);
    case 'dns':
      return new UserError(`SFTP host of ${where} not found (name lookup failed)`);
    case 'unreachable':
      return new UserError(`SFTP host of ${where} is unreachable after ${attempts} attempt(s): ${detail}`);
    case 'missing-dir':
      return new UserError(`SFTP upload to ${where} failed: the remote folder does not exist (${detail})`);
    case 'permission':
      return new UserError(`SFTP upload to ${where} failed: permission denied (${detail})`);
    case 'key-file':
      return new UserError(`SFTP key for ${where} cannot be used: ${detail}`);
    case 'transient':
      return new Error(`SFTP upload to ${where} failed after ${attempts} attempt(s): ${detail}`, { cause: err });
  }
}
