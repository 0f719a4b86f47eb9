// The main-thread half of `PortBackend`: answers a worker's store requests on one Store (the job's
// own connection). Column results travel back as transferred buffers (no copy).
import type { MessagePort } from 'node:worker_threads';
import { wireFromError } from '../domain/wireError.ts';
import type { StoreReply, StoreRequest } from './portBackend.ts';
import type { Store } from './store.ts';

export function serveStorePort(port: MessagePort, store: Store): void {
  port.on('message', async (m: StoreRequest) => {
    try {
      const a = m.args as never[];
      let result: unknown;
      const transfer: ArrayBuffer[] = [];
      switch (m.method) {
        case 'run':
          result = await store.run(a[0], a[1]);
          break;
        case 'all':
          result = await store.all(a[0], a[1]);
          break;
        case 'columns': {
          // Chunks as read, strings as a dictionary + Int32 codes: the parts transfer without a copy and
          // the worker joins and expands them, so the main thread neither fills whole columns nor clones strings.
          const cols = await store.columnParts(a[0], a[1], a[2]);
          for (const c of Object.values(cols)) for (const p of c.parts) transfer.push(p.buffer as ArrayBuffer);
          result = cols;
          break;
        }
        case 'appendColumns':
          result = await store.appendColumns(a[0], a[1], { temp: a[2] });
          break;
        case 'queryColumns':
          result = await store.queryColumns(a[0]);
          break;
        default:
          throw new Error(`unknown store call ${String(m.method)}`);
      }
      port.postMessage({ id: m.id, result } satisfies StoreReply, transfer);
    } catch (e) {
      port.postMessage({ id: m.id, error: wireFromError(e) } satisfies StoreReply);
    }
  });
}
