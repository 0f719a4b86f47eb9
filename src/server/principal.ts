// Who is calling: a Bearer API key (or the server's per-start local token, which the CLI reads
// from the 0600 discovery file), or a dashboard session cookie. Keys are checked from memory.
import type { Role } from '../ops/access.ts';
import { activeKeysByHash, hashSecret } from '../access/apiKeys.ts';
import { sessionFromToken } from '../access/sessions.ts';
import type { Store } from '../store/store.ts';

export interface Principal {
  actor: string;
  role: Role;
  via: 'key' | 'session' | 'local';
  keyId?: string;
  /** For sessions: the CSRF token writes must echo in the x-csrf-token header. */
  csrf?: string;
}

export const SESSION_COOKIE = 'nb_session';

export class Principals {
  private keys = new Map<string, { keyId: string; name: string | null; role: Role }>();
  private readonly lastUsed = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly localToken: string,
  ) {}

  /** Reloads the key cache (at start and after keys are created or revoked). */
  async reloadKeys(): Promise<void> {
    this.keys = await activeKeysByHash(this.store);
  }

  /** The principal for a bearer token, or null when it is unknown or revoked. */
  fromBearer(token: string): Principal | null {
    if (token === this.localToken) return { actor: 'cli (local token)', role: 'admin', via: 'local' };
    const k = this.keys.get(hashSecret(token));
    if (!k) return null;
    this.touch(k.keyId);
    return { actor: k.name ? `${k.name} (${k.keyId})` : k.keyId, role: k.role, via: 'key', keyId: k.keyId };
  }

  async fromSession(token: string): Promise<Principal | null> {
    const s = await sessionFromToken(this.store, token);
    return s ? { actor: s.username, role: s.role, via: 'session', csrf: s.csrf } : null;
  }

  /** Records a key's last use at most once a minute (off the request path). */
  private touch(keyId: string): void {
    const now = Date.now();
    if (now - (this.lastUsed.get(keyId) ?? 0) < 60_000) return;
    this.lastUsed.set(keyId, now);
    void this.store.run(`UPDATE api_keys SET last_used_at = now()::TIMESTAMP WHERE key_id = ?`, [keyId]).catch(() => {});
  }
}
