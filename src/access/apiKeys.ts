// API keys: 256 random bits, shown once at creation; only their SHA-256 is stored (a fast hash is
// right for high-entropy secrets — a KDF's slowness protects guessable passwords, not these).
import { createHash, randomBytes } from 'node:crypto';
import { NotFoundError, UserError } from '../domain/errors.ts';
import { ROLES, type Role } from '../ops/access.ts';
import type { Store } from '../store/store.ts';
import { isoOrNull } from '../domain/isoOrNull.ts';

export interface ApiKeyInfo {
  keyId: string;
  name: string | null;
  role: Role;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export async function createApiKey(store: Store, opts: { role: string; name?: string | null }): Promise<ApiKeyInfo & { key: string }> {
  if (!(ROLES as readonly string[]).includes(opts.role)) throw new UserError(`unknown role '${opts.role}': use one of ${ROLES.join(', ')}`);
  const keyId = `key-${randomBytes(4).toString('hex')}`;
  const key = `nb_${randomBytes(32).toString('base64url')}`;
  const prefix = key.slice(0, 10);
  const createdAt = new Date();
  await store.run(`INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, ?::TIMESTAMP, NULL, NULL)`, [
    keyId,
    opts.name ?? null,
    opts.role,
    hashSecret(key),
    prefix,
    createdAt.toISOString().replace('Z', ''),
  ]);
  return {
    keyId,
    name: opts.name ?? null,
    role: opts.role as Role,
    prefix,
    createdAt: createdAt.toISOString(),
    revokedAt: null,
    lastUsedAt: null,
    key,
  };
}

export async function listApiKeys(store: Store): Promise<ApiKeyInfo[]> {
  const rows = await store.all(
    `SELECT key_id, name, role, prefix, created_at, revoked_at, last_used_at FROM api_keys ORDER BY created_at, key_id`,
  );
  return rows.map((r) => ({
    keyId: String(r.key_id),
    name: (r.name as string) ?? null,
    role: r.role as Role,
    prefix: String(r.prefix),
    createdAt: isoOrNull(r.created_at)!,
    revokedAt: isoOrNull(r.revoked_at),
    lastUsedAt: isoOrNull(r.last_used_at),
  }));
}

export async function revokeApiKey(store: Store, keyId: string): Promise<ApiKeyInfo> {
  const row = await store.one(`SELECT key_id FROM api_keys WHERE key_id = ?`, [keyId]);
  if (!row) throw new NotFoundError(`no API key ${keyId}`);
  await store.run(`UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()::TIMESTAMP) WHERE key_id = ?`, [keyId]);
  return (await listApiKeys(store)).find((k) => k.keyId === keyId)!;
}

/** Live keys by hash, for authenticating requests from memory. */
export async function activeKeysByHash(store: Store): Promise<Map<string, { keyId: string; name: string | null; role: Role }>> {
  const rows = await store.all<{ key_id: string; name: string | null; role: Role; key_hash: string }>(
    `SELECT key_id, name, role, key_hash FROM api_keys WHERE revoked_at IS NULL`,
  );
  return new Map(rows.map((r) => [r.key_hash, { keyId: r.key_id, name: r.name, role: r.role }]));
}
