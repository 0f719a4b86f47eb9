// The loaded state behind `recommend` and `ingest`: the purchase log before the as-of date on
// fixed id dictionaries, and a fitted model — loaded from its state file next to the store when
// that file matches the store's purchase lines, fitted (and saved) otherwise.
import { existsSync } from 'node:fs';
import { interactionsFromStore, purchaseLinesFromInteractions, type Interactions } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';
import { interactionLogFromLines } from '../models/interactionLogFromLines.ts';
import type { InteractionLog, Recommender } from '../models/recommender.ts';
import { AUTO_MODEL, modelFromName } from '../models/registry.ts';
import type { RecsAutoChoice } from '../backtest/recsAutoChoice.ts';
import { autoRecsModel, type RecsVariant } from './autoRecsModel.ts';
import { readModelState, writeModelState } from './modelStateFile.ts';
import { DamagedModelState } from './modelStateHeader.ts';

/** Models that can absorb a user's new purchases without retraining (foldInUsers: many at once). */
export interface FoldInCapable {
  foldIn(log: InteractionLog, user: number): void;
  foldInUsers?(log: InteractionLog, users: ArrayLike<number>): void;
}

/** Folds users in, in one call when the model can (its O(nnz) rebuild then runs once, not per user). */
export function foldInUsers(model: Recommender, log: InteractionLog, users: ArrayLike<number>): void {
  const m = model as unknown as Partial<FoldInCapable>;
  if (m.foldInUsers) m.foldInUsers(log, users);
  else for (let j = 0; j < users.length; j++) m.foldIn!(log, users[j]);
}
/** Models whose history-dependent part can be rebuilt from a log without refitting. */
interface HistoryCapable {
  setHistory(log: InteractionLog): void;
}

export interface RecsEngine {
  /** The model fitted (auto resolved to the model it chose). */
  modelName: string;
  /** How auto chose it, when it did. */
  auto: RecsAutoChoice | null;
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
  /**
   * True when the as-of is the default one (end of bulk history): lines at or after it are
   * real-time purchases, folded into their customers' rows; the log's as-of never moves.
   */
  foldsLater: boolean;
}

/**
 * Whether lists leave out each customer's past purchases: asked for (new items only), or auto's
 * backtest found that all-items lists score better without them (nobody rebuys: ratings, views).
 */
export function listsExcludeSeen(engine: Pick<RecsEngine, 'auto'>, excludePurchased: boolean): boolean {
  return excludePurchased || (engine.auto?.excludeSeen ?? false);
}

export function stateFileFor(store: Store, modelName: string): string | null {
  return store.path === ':memory:' ? null : `${store.path}.${modelName}.model`;
}

/** Re-indexes lines onto given dictionaries; ids not in them are appended (new users/items). */
function onDictionaries(x: Interactions, customerIds: string[], productIds: string[]): Interactions {
  const cIdx = new Map(customerIds.map((id, i) => [id, i]));
  const pIdx = new Map(productIds.map((id, i) => [id, i]));
  const cOut = [...customerIds],
    pOut = [...productIds];
  const cMap = x.customerIds.map((id) => cIdx.get(id) ?? (cIdx.set(id, cOut.length), cOut.push(id) - 1));
  const pMap = x.productIds.map((id) => pIdx.get(id) ?? (pIdx.set(id, pOut.length), pOut.push(id) - 1));
  return { ...x, customerIds: cOut, productIds: pOut, cust: x.cust.map((c) => cMap[c]), prod: x.prod.map((p) => pMap[p]) };
}

/** Line count and latest ts of the lines before `asOf` (x is sorted by ts). */
function fingerprintBefore(x: Interactions, asOf: number): RecsEngine['fingerprint'] {
  let n = 0;
  while (n < x.ts.length && x.ts[n] < asOf) n++;
  return { lines: n, maxTs: n ? x.ts[n - 1] : 0 };
}

export interface LoadRecsOptions {
  modelName: string;
  asOf: Date;
  /**
   * The as-of is the default one, so lines after it (real-time purchases) are folded into their
   * customers after the model is fitted or loaded on the history before it — the saved state
   * stays valid while real-time lines arrive.
   */
  foldsLater?: boolean;
  refit?: boolean;
  /** What auto optimises: lists that may repeat past purchases ('all', default) or only new products. */
  variant?: RecsVariant;
  log?: (s: string) => void;
  progress?: (fraction: number, stage: string) => void;
}

export async function loadRecsEngine(store: Store, opts: LoadRecsOptions): Promise<RecsEngine> {
  const say = opts.log ?? (() => {});
  const foldsLater = opts.foldsLater ?? false;
  let x = await interactionsFromStore(store, foldsLater ? {} : { to: opts.asOf });
  const fingerprint = fingerprintBefore(x, opts.asOf.getTime());
  let modelName = opts.modelName,
    auto: RecsAutoChoice | null = null;
  if (modelName === AUTO_MODEL) {
    auto = await autoRecsModel(
      store,
      purchaseLinesFromInteractions(x),
      opts.asOf.getTime(),
      fingerprint,
      opts.variant ?? 'all',
      say,
      opts.progress,
    );
    modelName = auto.chosen;
  }
  const stateFile = stateFileFor(store, modelName);
  let model = modelFromName(modelName);
  let saved: Record<string, unknown> | null = null;
  if (stateFile && existsSync(stateFile) && !opts.refit) saved = savedStateFor(stateFile, fingerprint, say);
  if (saved) x = onDictionaries(x, saved.customerIds as string[], saved.productIds as string[]);
  const log = interactionLogFromLines(purchaseLinesFromInteractions(x), opts.asOf.getTime());
  if (saved && !loadedFrom(model, saved, log, stateFile!, say)) {
    saved = null;
    model = modelFromName(modelName); // not the half-loaded one
  }
  if (saved) {
    say(`loaded model '${modelName}' from ${stateFile}`);
  } else {
    const t0 = Date.now();
    say(`fitting '${modelName}' on ${log.indices.length.toLocaleString('en-US')} customer×product entries…`);
    await model.fit(log, say);
    say(`fitted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const engine: RecsEngine = {
    modelName,
    auto,
    model,
    customerIds: x.customerIds,
    productIds: x.productIds,
    customerIndex: new Map(x.customerIds.map((id, i) => [id, i])),
    productIndex: new Map(x.productIds.map((id, i) => [id, i])),
    log,
    fingerprint,
    stateFile,
    foldsLater,
  };
  if (!saved) saveRecsEngine(engine);
  if (fingerprint.lines < x.ts.length) foldInLaterLines(engine, x, say);
  return engine;
}

/** The saved state when it is sound and for these purchase lines; null (with the reason said) to refit. */
function savedStateFor(path: string, fingerprint: RecsEngine['fingerprint'], say: (s: string) => void): Record<string, unknown> | null {
  let s: Record<string, unknown>;
  try {
    s = readModelState(path);
  } catch (e) {
    if (!(e instanceof DamagedModelState)) throw e;
    say(`${e.message}; refitting`);
    return null;
  }
  const fp = s.fingerprint as RecsEngine['fingerprint'] | undefined;
  if (!fp || !Array.isArray(s.customerIds) || !Array.isArray(s.productIds)) {
    say(`saved model state ${path} is damaged (no fingerprint or id dictionaries); refitting`);
    return null;
  }
  if (fp.lines === fingerprint.lines && fp.maxTs === fingerprint.maxTs) return s;
  say(`model state ${path} is for other purchase lines (${fp.lines} vs ${fingerprint.lines}); refitting`);
  return null;
}

/** Loads a saved model; a state its model cannot take (a sound file of another layout) means refit, not a crash. */
function loadedFrom(model: Recommender, saved: Record<string, unknown>, log: InteractionLog, path: string, say: (s: string) => void) {
  try {
    model.load(saved.model as Record<string, unknown>);
    (model as unknown as Partial<HistoryCapable>).setHistory?.(log);
    return true;
  } catch (e) {
    say(`saved model state ${path} is damaged (${(e as Error).message}); refitting`);
    return false;
  }
}

/** Persists the model with its dictionaries and fingerprint (no-op for in-memory stores). */
export function saveRecsEngine(engine: RecsEngine): void {
  if (!engine.stateFile) return;
  writeModelState(engine.stateFile, {
    fingerprint: engine.fingerprint,
    customerIds: engine.customerIds,
    productIds: engine.productIds,
    model: engine.model.save(),
  });
}

/** Folds the real-time lines (at or after the as-of) into their customers; the log's as-of stays. */
function foldInLaterLines(engine: RecsEngine, x: Interactions, say: (s: string) => void): void {
  const model = engine.model as unknown as Partial<FoldInCapable>;
  if (!model.foldIn) return;
  const full = { ...interactionLogFromLines(purchaseLinesFromInteractions(x), Number.POSITIVE_INFINITY), asOf: engine.log.asOf };
  const users = new Set<number>();
  for (let i = engine.fingerprint.lines; i < x.ts.length; i++) users.add(x.cust[i]);
  engine.log = full;
  foldInUsers(engine.model, full, [...users]);
  say(`folded in ${x.ts.length - engine.fingerprint.lines} real-time line(s) of ${users.size} customer(s)`);
}
