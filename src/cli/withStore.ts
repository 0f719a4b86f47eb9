// Opens the store for one CLI command and always closes it.
import { Store } from '../store/store.ts';

export async function withStore<T>(path: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await Store.open(path);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
