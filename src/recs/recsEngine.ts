// The loaded state behind `recommend` and `ingest`: the purchase log before the as-of date on
// fixed id dictionaries, and a fitted model — loaded from its state file next to the store when
// that file matches the store's purchase lines, fitted (and saved) otherwise.
import { existsSync } from 'node:fs';
import { interactionsFromStore, purchaseLinesFromInteractions, type Interactions } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';
import { interactionLogFromLines } from '../models/interactionLogFromLines.ts';
import type { InteractionLog, Recommender } from '../models/recommender.ts';
import { modelFromName } from '../models/registry.ts';
import { readModelState, writeModelState } from './modelStateFile.ts';

/** Models that can absorb a user's new purchases without retraining. */
export interface FoldInCapable { foldIn(log: InteractionLog, user: number): void }
/** Models whose history-dependent part can be rebuilt from a log without refitting. */
interface HistoryCapable { setHistory(log: InteractionLog): void }

export interface RecsEngine {
  modelName: string;
  model: Recommender;
  customerIds: string[];
  productIds: string[];
  customerIndex: Map<string, number>;
  productIndex: Map<string, number>;
  log: InteractionLog;
  /** Identity of the purchase lines the model state reflects (count and latest ts). */
  fingerprint: { lines: number; maxTs: number };
  /** Where the state is saved; null for in-memory stores. */
  stateFile: string | null;
}

export function stateFileFor(store: Store, modelName: string): string | null {
  return store.path === ':memory:' ? null : `${store.path}.${modelName}.model`;
}

/** Re-indexes lines onto given dictionaries; ids not in them are appended (new users/items). */
function onDictionaries(x: Interactions, customerIds: string[], productIds: string[]): Interactions {
  const cIdx = new Map(customerIds.map((id, i) => [id, i]));
  const pIdx = new Map(productIds.map((id, i) => [id, i]));
  const cOut = [...customerIds], pOut = [...productIds];
  const cMap = x.customerIds.map((id) => cIdx.get(id) ?? (cIdx.set(id, cOut.length), cOut.push(id) - 1));
  const pMap = x.productIds.map((id) => pIdx.get(id) ?? (pIdx.set(id, pOut.length), pOut.push(id) - 1));
  return { ...x, customerIds: cOut, productIds: pOut, cust: x.cust.map((c) => cMap[c]), prod: x.prod.map((p) => pMap[p]) };
}

export async function loadRecsEngine(store: Store, opts: { modelName: string; asOf: Date; refit?: boolean; log?: (s: string) => void }): Promise<RecsEngine> {
  const say = opts.log ?? (() => {});
  const stateFile = stateFileFor(store, opts.modelName);
  let x = await interactionsFromStore(store, { to: opts.asOf });
  const fingerprint = { lines: x.ts.length, maxTs: x.ts.length ? x.ts[x.ts.length - 1] : 0 };
  const model = modelFromName(opts.modelName);
  let saved: Record<string, unknown> | null = null;
  if (stateFile && existsSync(stateFile) && !opts.refit) {
    const s = readModelState(stateFile);
    const fp = s.fingerprint as RecsEngine['fingerprint'];
    if (fp.lines === fingerprint.lines && fp.maxTs === fingerprint.maxTs) saved = s;
    else say(`model state ${stateFile} is for other purchase lines (${fp.lines} vs ${fingerprint.lines}); refitting`);
  }
  if (saved) x = onDictionaries(x, saved.customerIds as string[], saved.productIds as string[]);
  const log = interactionLogFromLines(purchaseLinesFromInteractions(x), opts.asOf.getTime());
  if (saved) {
    model.load(saved.model as Record<string, unknown>);
    (model as unknown as Partial<HistoryCapable>).setHistory?.(log);
    say(`loaded model '${opts.modelName}' from ${stateFile}`);
  } else {
    const t0 = Date.now();
    say(`fitting '${opts.modelName}' on ${log.indices.length.toLocaleString('en-US')} customer×product entries…`);
    await model.fit(log);
    say(`fitted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const engine: RecsEngine = {
    modelName: opts.modelName, model, customerIds: x.customerIds, productIds: x.productIds,
    customerIndex: new Map(x.customerIds.map((id, i) => [id, i])), productIndex: new Map(x.productIds.map((id, i) => [id, i])),
    log, fingerprint, stateFile,
  };
  if (!saved) saveRecsEngine(engine);
  return engine;
}

/** Persists the model with its dictionaries and fingerprint (no-op for in-memory stores). */
export function saveRecsEngine(engine: RecsEngine): void {
  if (!engine.stateFile) return;
  writeModelState(engine.stateFile, {
    fingerprint: engine.fingerprint, customerIds: engine.customerIds, productIds: engine.productIds, model: engine.model.save(),
  });
}
