// Identifies a process across restarts and hosts: pid + host name + kernel boot id + the process's
// start tick (from /proc). A pid alone is reused; with the boot id and start tick, "that pid is
// alive" means the very process that wrote the stamp is alive. Without /proc (macOS) the two extra
// fields are null and the pid check stands alone, backed by the heartbeat age.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { pidAlive } from '../domain/pidAlive.ts';
import type { ProcessStamp } from '../store/torComputeRunTable.ts';

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat: start time in clock ticks after boot (the command name may hold spaces, so split after ')'). */
function procStart(pid: number): string | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

export function currentProcessStamp(): ProcessStamp {
  return {
    pid: process.pid,
    host: hostname(),
    bootId: readOrNull('/proc/sys/kernel/random/boot_id'),
    procStart: procStart(process.pid),
  };
}

/**
 * 'alive' or 'gone' when this host can tell; 'elsewhere' for a stamp from another host (or an
 * earlier boot of this one is 'gone': every process of it ended).
 */
export function stampLiveness(s: ProcessStamp): 'alive' | 'gone' | 'elsewhere' {
  const here = currentProcessStamp();
  if (s.host !== here.host) return 'elsewhere';
  if (s.bootId && here.bootId && s.bootId !== here.bootId) return 'gone';
  if (!pidAlive(s.pid)) return 'gone';
  if (s.procStart && here.procStart) return procStart(s.pid) === s.procStart ? 'alive' : 'gone';
  return 'alive';
}
