// Which server-side files API callers may name. Keys and dashboard users reach only the allowed
// folders (default: the store's own folder; `serve --files DIR` sets them), so a marketer's key
// cannot read /etc/passwd as an "import" or overwrite files as an "export". The local CLI token is
// the server's own OS user on the same machine, so it is not limited.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { ForbiddenError } from '../domain/errors.ts';
import type { Principal } from './principal.ts';

/** The real path of `p`, or of its nearest existing ancestor plus the rest (symlinks cannot escape). */
function realish(p: string): string {
  const abs = resolve(p);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  return parent === abs ? abs : resolve(realish(parent), abs.slice(parent.length + 1));
}

export function checkFileAccess(roots: string[], who: Principal | undefined, f: { path: string; mode: 'read' | 'write' }): void {
  if (who?.via === 'local' || f.path.startsWith('sftp://')) return;
  const real = realish(f.path);
  const ok = roots.some((r) => {
    const root = realish(r);
    return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
  });
  if (!ok) {
    throw new ForbiddenError(
      `the server ${f.mode === 'read' ? 'reads' : 'writes'} files only under ${roots.join(', ')} ` +
        `(start it with --files DIR to allow another folder); '${f.path}' is outside`,
    );
  }
}
