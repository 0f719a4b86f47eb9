// Roles and what each may call. Admin does everything; marketers act (offers, TORs, exports,
// imports, edits); viewers read; service keys only do real-time reads and ingestion.
import type { Access } from './op.ts';

export const ROLES = ['admin', 'marketer', 'viewer', 'service'] as const;
export type Role = (typeof ROLES)[number];

const ALLOWED: Record<Access, readonly Role[]> = {
  admin: ['admin'],
  write: ['admin', 'marketer'],
  read: ['admin', 'marketer', 'viewer'],
  realtime: ['admin', 'marketer', 'viewer', 'service'],
  ingest: ['admin', 'marketer', 'service'],
};

export function roleMay(role: Role, access: Access): boolean {
  return ALLOWED[access].includes(role);
}
