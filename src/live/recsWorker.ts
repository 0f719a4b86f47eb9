// The recs worker thread: holds the recommendation model so that loading or fitting it, folding a
// purchase in (O(history) rebuilds) and scoring never run on the server's event loop. Its store
// calls are executed by the main thread on the worker's own connection (PortBackend).
import '../math/backgroundThread.ts'; // first: the model's work runs below the event loop's priority
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { wireFromError, type WireError } from '../domain/wireError.ts';
import { apiLabels, type Purchase } from '../recs/ingestPurchase.ts';
import { PortBackend } from '../store/portBackend.ts';
import { Store } from '../store/store.ts';
import { RecsModel } from './recsModel.ts';

export type RecsRequest =
  | { id: number; type: 'ingest'; purchases: Purchase[] }
  | { id: number; type: 'scored'; customerId: string; top: number; filter: string | null }
  | { id: number; type: 'close' };

export type RecsReply =
  | { type: 'ready' }
  | { type: 'log'; line: string }
  | { type: 'failed'; error: WireError }
  | { id: number; result?: unknown; error?: WireError };

const { storePath, storePort } = workerData as { storePath: string; storePort: MessagePort };
const post = (m: RecsReply) => parentPort!.postMessage(m);
const store = Store.onBackend(storePath, new PortBackend(storePort));

try {
  const model = await RecsModel.load(store, (line) => post({ type: 'log', line }));
  parentPort!.on('message', async (m: RecsRequest) => {
    try {
      if (m.type === 'ingest') post({ id: m.id, result: await model.ingest(store, m.purchases, apiLabels) });
      else if (m.type === 'scored') post({ id: m.id, result: await model.scored(store, m.customerId, m.top, m.filter) });
      else {
        await model.release();
        store.close();
        post({ id: m.id, result: null });
        parentPort!.close();
      }
    } catch (e) {
      post({ id: m.id, error: wireFromError(e) });
    }
  });
  post({ type: 'ready' });
} catch (e) {
  post({ type: 'failed', error: wireFromError(e) });
}
