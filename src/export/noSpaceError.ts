// A full disk (or an exhausted quota) is the user's to fix, not an internal error: it becomes a
// UserError (exit 2) that names the target the user asked for — not the hidden temp file DuckDB or
// fs reported — and says that nothing was written under that name (every write is temp + rename).
import { UserError } from '../domain/errors.ts';

const NO_SPACE = /ENOSPC|EDQUOT|No space left on device|Disk quota exceeded/i;

/** The UserError for `e` when it is a no-space failure while writing `target`; null otherwise. */
export function noSpaceError(e: unknown, target: string): UserError | null {
  const err = e as NodeJS.ErrnoException | undefined;
  const text = `${err?.code ?? ''} ${err?.message ?? String(e)}`;
  if (!NO_SPACE.test(text)) return null;
  const what = /EDQUOT|quota/i.test(text) ? 'disk quota exceeded' : 'no space left on the device';
  return new UserError(`cannot write ${target}: ${what}; nothing was written under that name (free some space and run it again)`);
}
