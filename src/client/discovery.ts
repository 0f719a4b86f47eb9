// The discovery file a running server writes beside its store (`<store>.server.json`, mode 0600):
// its URL, pid and a per-start token. A CLI that finds it, with the process alive, talks to the
// server; a stale file (the server died) is ignored and removed.
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Discovery {
  url: string;
  pid: number;
  token: string;
  store: string;
  startedAt: string;
}

export function discoveryPath(storePath: string): string {
  return `${resolve(storePath)}.server.json`;
}

export function writeDiscovery(storePath: string, d: Discovery): void {
  const path = discoveryPath(storePath);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(d, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

export function removeDiscovery(storePath: string, pid = process.pid): void {
  const d = readDiscovery(storePath);
  if (d && d.pid === pid) rmSync(discoveryPath(storePath), { force: true });
}

export function readDiscovery(storePath: string): Discovery | null {
  const path = discoveryPath(storePath);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Discovery;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live server holding this store, or null (a stale file from a dead server is removed). */
export function liveServer(storePath: string): Discovery | null {
  const d = readDiscovery(storePath);
  if (!d) return null;
  if (!alive(d.pid)) {
    rmSync(discoveryPath(storePath), { force: true });
    return null;
  }
  return d;
}
