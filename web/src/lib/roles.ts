// What each role may do in the dashboard, mirroring src/ops/access.ts (the API refuses it anyway):
// viewers read, marketers also act on offers/TORs/exports/imports, admins also manage keys and users.
export type Access = 'read' | 'write' | 'admin';
type Role = 'admin' | 'marketer' | 'viewer' | 'service';

export function may(role: Role | null | undefined, access: Access): boolean {
  if (!role) return false;
  if (access === 'admin') return role === 'admin';
  if (access === 'write') return role === 'admin' || role === 'marketer';
  return role === 'admin' || role === 'marketer' || role === 'viewer';
}
