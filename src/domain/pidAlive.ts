// Whether a process id is in use on this host. EPERM means it exists under another user: alive.
// A pid can be reused, so callers that must know it is the *same* process add more evidence
// (tor/processStamp.ts: boot id and start tick; export/staleTempFiles.ts: file age).
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
