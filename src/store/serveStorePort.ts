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
        case 'run': result = await store.run(a[0], a[1]); break;
        case 'all': result = await store.all(a[0], a[1]); break;
        case 'columns': {
          // Strings travel as a dictionary + Int32 codes: the codes transfer without a copy and the
          // worker expands them, so the main thread never clones millions of strings.
          const cols = await store.columnsEncoded(a[0], a[1], a[2]) as Record<string, unknown>;
          for (const c of Object.values(cols)) {
            const view = ArrayBuffer.isView(c) ? c : (c as { codes: Int32Array }).codes;
            transfer.push(view.buffer as ArrayBuffer);
          }
          result = cols;
          break;
        }
        case 'appendColumns': result = await store.appendColumns(a[0], a[1], { temp: a[2] }); break;
        case 'queryColumns': result = await store.queryColumns(a[0]); break;
        default: throw new Error(`unknown store call ${String(m.method)}`);
      }
      port.postMessage({ id: m.id, result } satisfies StoreReply, transfer);
    } catch (e) {
      port.postMessage({ id: m.id, error: wireFromError(e) } satisfies StoreReply);
    }
  });
}
