// Fits a recommendation model on the purchases before the as-of date and saves its state beside
// the store — the state `recommend` and `ingest` load instead of fitting again while the store's
// purchase lines are unchanged.
import type { RecsAutoChoice } from '../backtest/recsAutoChoice.ts';
import { UserError } from '../domain/errors.ts';
import { isModelName, modelRegistry } from '../models/registry.ts';
import type { Store } from '../store/store.ts';
import { asOfFromSettings, defaultRecsSettings } from './productRecommendations.ts';
import { loadRecsEngine } from './recsEngine.ts';

export interface TrainSummary {
  /** The model fitted (auto: the one it chose). */
  model: string;
  auto: RecsAutoChoice | null;
  asOf: Date;
  customers: number;
  products: number;
  /** customer×product entries the model knows (history, plus real-time lines folded in) */
  entries: number;
  seconds: number;
  /** false for an in-memory store: nothing to save beside */
  saved: boolean;
}

export async function trainRecsModel(
  store: Store,
  opts: { model: string; asOf: string | null },
  log: (s: string) => void = () => {},
  progress: (fraction: number, stage: string) => void = () => {},
): Promise<TrainSummary> {
  if (!isModelName(opts.model)) {
    throw new UserError(`unknown model '${opts.model}' (known: auto, ${Object.keys(modelRegistry).join(', ')})`);
  }
  const t0 = Date.now();
  // The same as-of rule as recommend, so its next run finds this state current.
  const asOf = await asOfFromSettings(store, { ...defaultRecsSettings, asOf: opts.asOf });
  progress(0.05, `fitting ${opts.model}`);
  let engine;
  try {
    engine = await loadRecsEngine(store, {
      modelName: opts.model,
      asOf,
      foldsLater: opts.asOf === null,
      refit: true,
      log,
      progress: (f, stage) => progress(0.05 + 0.9 * f, stage),
    });
  } catch (e) {
    if (/needs a catalogue/.test((e as Error).message)) throw new UserError((e as Error).message);
    throw e;
  }
  await (engine.model as { release?: () => Promise<void> }).release?.();
  return {
    model: engine.modelName,
    auto: engine.auto,
    asOf,
    customers: engine.customerIds.length,
    products: engine.productIds.length,
    entries: engine.log.indices.length,
    seconds: (Date.now() - t0) / 1000,
    saved: engine.stateFile !== null,
  };
}
