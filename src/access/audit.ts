// The audit log: every mutating call (and every refused one) — who, with which role, what, on
// which target, when, and how it ended.
import type { Store } from '../store/store.ts';

export interface AuditEntry {
  at: string;
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  outcome: string;
  detail: string | null;
}

export async function appendAudit(store: Store, e: Omit<AuditEntry, 'at'>): Promise<void> {
  await store.run(`INSERT INTO audit_log VALUES (now()::TIMESTAMP, ?, ?, ?, ?, ?, ?)`, [
    e.actor,
    e.role,
    e.action,
    e.target,
    e.outcome,
    e.detail,
  ]);
}

export async function listAudit(store: Store, opts: { limit: number; actor?: string; action?: string }): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (opts.actor) {
    where.push('actor = ?');
    params.push(opts.actor);
  }
  if (opts.action) {
    where.push('action LIKE ?');
    params.push(`${opts.action}%`);
  }
  params.push(opts.limit);
  const rows = await store.all(
    `SELECT "at", actor, role, action, target, outcome, detail FROM audit_log
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY "at" DESC LIMIT ?`,
    params,
  );
  return rows.map((r) => ({
    at: r.at instanceof Date ? r.at.toISOString() : String(r.at),
    actor: String(r.actor),
    role: (r.role as string) ?? null,
    action: String(r.action),
    target: (r.target as string) ?? null,
    outcome: String(r.outcome),
    detail: (r.detail as string) ?? null,
  }));
}
