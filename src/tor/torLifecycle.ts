// The TOR state machine. Draft → Computing → Ready for export → Exported; any compute may end in
// Error (the last good result is kept). Editing a TOR sends it back to Draft: its results are stale.
import type { TorStatus } from '../domain/types.ts';
import { ConflictError } from '../domain/errors.ts';

export const STATUS_LABEL: Record<TorStatus, string> = {
  draft: 'Draft',
  computing: 'Computing',
  ready: 'Ready for export',
  exported: 'Exported',
  error: 'Error',
};

const NEXT: Record<TorStatus, TorStatus[]> = {
  draft: ['computing', 'draft'],
  computing: ['ready', 'error'],
  ready: ['computing', 'exported', 'draft'],
  exported: ['computing', 'exported', 'draft'],
  error: ['computing', 'draft'],
};

/** Throws a clear ConflictError when `to` is not reachable from `from`. */
export function assertTransition(torId: string, from: TorStatus, to: TorStatus): void {
  if (!NEXT[from].includes(to)) {
    const why =
      from === 'computing'
        ? 'it is computing now; wait for it to finish'
        : to === 'exported'
          ? 'it has no computed result to export; run `nextbest tor compute` first'
          : `it is ${STATUS_LABEL[from]}`;
    throw new ConflictError(`TOR ${torId} cannot go from ${STATUS_LABEL[from]} to ${STATUS_LABEL[to]}: ${why}`);
  }
}
