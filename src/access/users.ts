// Dashboard users: a username, a role and an argon2id password hash (@node-rs/argon2).
import { hash, verify } from '@node-rs/argon2';
import { ConflictError, NotFoundError, UserError } from '../domain/errors.ts';
import { ROLES, type Role } from '../ops/access.ts';
import type { Store } from '../store/store.ts';
import { isoOrNull } from '../domain/isoOrNull.ts';

export interface UserInfo {
  username: string;
  role: Role;
  createdAt: string;
  disabledAt: string | null;
}

export async function createUser(store: Store, opts: { username: string; password: string; role: string }): Promise<UserInfo> {
  if (!/^[A-Za-z0-9._@-]{2,64}$/.test(opts.username)) throw new UserError('username: 2–64 letters, digits or . _ @ -');
  if (opts.password.length < 8) throw new UserError('password: at least 8 characters');
  if (!(ROLES as readonly string[]).includes(opts.role) || opts.role === 'service') {
    throw new UserError(`role '${opts.role}': dashboard users are admin, marketer or viewer`);
  }
  if (await store.one(`SELECT 1 FROM users WHERE username = ?`, [opts.username]))
    throw new ConflictError(`user ${opts.username} exists already`);
  const passwordHash = await hash(opts.password);
  const createdAt = new Date().toISOString();
  await store.run(`INSERT INTO users VALUES (?, ?, ?, ?::TIMESTAMP, NULL)`, [
    opts.username,
    opts.role,
    passwordHash,
    createdAt.replace('Z', ''),
  ]);
  return { username: opts.username, role: opts.role as Role, createdAt, disabledAt: null };
}

export async function listUsers(store: Store): Promise<UserInfo[]> {
  const rows = await store.all(`SELECT username, role, created_at, disabled_at FROM users ORDER BY username`);
  return rows.map((r) => ({
    username: String(r.username),
    role: r.role as Role,
    createdAt: isoOrNull(r.created_at)!,
    disabledAt: isoOrNull(r.disabled_at),
  }));
}

export async function disableUser(store: Store, username: string): Promise<UserInfo> {
  if (!(await store.one(`SELECT 1 FROM users WHERE username = ?`, [username]))) throw new NotFoundError(`no user ${username}`);
  await store.run(`UPDATE users SET disabled_at = coalesce(disabled_at, now()::TIMESTAMP) WHERE username = ?`, [username]);
  await store.run(`DELETE FROM sessions WHERE username = ?`, [username]);
  return (await listUsers(store)).find((u) => u.username === username)!;
}

/** The user when the password matches (and the user is enabled), else null. Same work either way. */
export async function userFromPassword(store: Store, username: string, password: string): Promise<UserInfo | null> {
  const row = await store.one<{ password_hash: string; role: Role; created_at: Date; disabled_at: Date | null }>(
    `SELECT password_hash, role, created_at, disabled_at FROM users WHERE username = ?`,
    [username],
  );
  // A dummy verify for unknown users keeps the timing the same.
  const ok = await verify(row?.password_hash ?? DUMMY_HASH, password).catch(() => false);
  if (!row || !ok || row.disabled_at) return null;
  return { username, role: row.role, createdAt: isoOrNull(row.created_at)!, disabledAt: null };
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$cXU9oSvv/YY21e+1fSUf1A$Bm875NOtUjPMfYoNrtQpsa9WlgNuwDA0SDeHTmWwxUk';
