// Dashboard sessions: a random token in an HttpOnly, SameSite=Strict cookie (only its hash is
// stored) and a CSRF token the page sends back in a header on every write.
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.ts';
import type { Role } from '../ops/access.ts';
import { hashSecret } from './apiKeys.ts';

export const SESSION_HOURS = 12;

export async function createSession(store: Store, username: string): Promise<{ token: string; csrf: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const expires = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await store.run(`INSERT INTO sessions VALUES (?, ?, ?, now()::TIMESTAMP, ?::TIMESTAMP)`, [
    hashSecret(token),
    username,
    csrf,
    expires.toISOString().replace('Z', ''),
  ]);
  return { token, csrf, expiresAt: expires.toISOString() };
}

export async function sessionFromToken(store: Store, token: string): Promise<{ username: string; role: Role; csrf: string } | null> {
  const row = await store.one<{ username: string; role: Role; csrf: string }>(
    `SELECT s.username, u.role, s.csrf FROM sessions s JOIN users u USING (username)
     WHERE s.token_hash = ? AND s.expires_at > now()::TIMESTAMP AND u.disabled_at IS NULL`,
    [hashSecret(token)],
  );
  return row ?? null;
}

export async function deleteSession(store: Store, token: string): Promise<void> {
  await store.run(`DELETE FROM sessions WHERE token_hash = ?`, [hashSecret(token)]);
}
