// The main thread's handle on the recs worker (src/live/recsWorker.ts): starts it on its own
// forked connection, waits until the model is loaded, then sends requests and awaits replies.
import { MessageChannel, type Worker } from 'node:worker_threads';
import { errorFromWire } from '../domain/wireError.ts';
import { moduleWorker, siblingModule } from '../math/moduleWorker.ts';
import type { Purchase } from '../recs/ingestPurchase.ts';
import { serveStorePort } from '../store/serveStorePort.ts';
import type { Store } from '../store/store.ts';
import type { IngestedLists } from './recsModel.ts';
import type { RecsRow } from './recsLists.ts';
import type { RecsReply, RecsRequest } from './recsWorker.ts';

type Body<T extends RecsRequest['type']> = Omit<Extract<RecsRequest, { type: T }>, 'id' | 'type'>;

export class RecsWorkerClient {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly worker: Worker,
    private readonly store: Store,
  ) {
    worker.on('message', (m: RecsReply) => {
      if (!('id' in m)) return;
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) p?.reject(errorFromWire(m.error));
      else p?.resolve(m.result);
    });
    worker.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('the recommendation worker stopped'));
      this.pending.clear();
    });
  }

  /** Starts the worker; resolves once its model is loaded (rejects with the load's error). */
  static async start(root: Store, log: (line: string) => void): Promise<RecsWorkerClient> {
    const store = await root.fork();
    const channel = new MessageChannel();
    serveStorePort(channel.port1, store);
    const worker = moduleWorker(siblingModule('recsWorker', import.meta.url), { storePath: root.path, storePort: channel.port2 }, [
      channel.port2,
    ]);
    try {
      await new Promise<void>((resolve, reject) => {
        const onMessage = (m: RecsReply) => {
          if ('type' in m && m.type === 'log') log(m.line);
          else if ('type' in m && m.type === 'ready') {
            worker.off('message', onMessage);
            resolve();
          } else if ('type' in m && m.type === 'failed') reject(errorFromWire(m.error));
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the recommendation worker exited (code ${code})`)));
      });
    } catch (e) {
      await worker.terminate();
      store.close();
      throw e;
    }
    worker.removeAllListeners('exit');
    worker.removeAllListeners('error');
    worker.on('error', (e: Error) => log(`recommendation worker: ${e.message}`));
    return new RecsWorkerClient(worker, store);
  }

  private call<T>(type: RecsRequest['type'], body: object): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, type, ...body } as RecsRequest);
    });
  }

  ingest(body: Body<'ingest'> & { purchases: Purchase[] }): Promise<IngestedLists> {
    return this.call('ingest', body);
  }

  scored(body: Body<'scored'>): Promise<RecsRow[] | null> {
    return this.call('scored', body);
  }

  /** Lets the worker release its model, then stops it and closes its connection. */
  async close(): Promise<void> {
    await this.call('close', {}).catch(() => {});
    await this.worker.terminate();
    this.store.close();
  }
}
