// Every operation, by name. The server registers one route per op; the CLI calls them through
// `callOp`. Add an op by adding its file's export to `ops`.
import { NotFoundError } from '../domain/errors.ts';
import type { Op } from './op.ts';
import { torComputeOp } from './torComputeOp.ts';
import { torShowOp } from './torShowOp.ts';
import { torListOp } from './torListOp.ts';
import { keysCreateOp } from './keysCreateOp.ts';
import { keysListOp } from './keysListOp.ts';
import { keysRevokeOp } from './keysRevokeOp.ts';
import { usersCreateOp } from './usersCreateOp.ts';
import { usersListOp } from './usersListOp.ts';
import { usersDisableOp } from './usersDisableOp.ts';
import { auditListOp } from './auditListOp.ts';

export const ops: Op[] = [
  torComputeOp, torShowOp, torListOp,
  keysCreateOp, keysListOp, keysRevokeOp, usersCreateOp, usersListOp, usersDisableOp, auditListOp,
];

const byName = new Map(ops.map((o) => [o.name, o]));

export function opByName(name: string): Op {
  const op = byName.get(name);
  if (!op) throw new NotFoundError(`no operation ${name}`);
  return op;
}
