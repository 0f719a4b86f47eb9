// Tells the server's caches (real-time index, key cache) that an op succeeded, and waits for their
// refreshes, so the caller's next read sees the change (read-your-writes).
import type { EventEmitter } from 'node:events';

export async function opChanged(changes: EventEmitter, name: string, input: unknown, result: unknown): Promise<void> {
  await Promise.all(changes.listeners('op').map((fn) => (fn as (...a: unknown[]) => unknown)(name, input, result)));
}
