// Service behind `nextbest recommend`: top-n product lists for every customer with history before
// the as-of date, from a registered model, with filter / caps / attribute columns, written to a
// file or to the product_recommendations table. Settings are kept in meta so `ingest` can refresh
// one customer's rows the same way.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../domain/errors.ts';
import { defaultRecsModel } from '../models/registry.ts';
import { defaultAsOf, parseDateArg } from '../snapshot/interactions.ts';
import { productAttributeCodes } from '../snapshot/productAttribute.ts';
import { getMeta, setMeta } from '../store/meta.ts';
import type { Store } from '../store/store.ts';
import { listsExcludeSeen, loadRecsEngine, type RecsEngine } from './recsEngine.ts';
import { recommendationsFromModel, type RecsRequest } from './recommendationsFromModel.ts';
import { relativeScoresInPlace } from './relativeScores.ts';
import { writeRecommendations, type RecsRows, type RecsTarget } from './recsOutput.ts';

export interface RecsSettings {
  top: number;
  /** ISO wall-clock as-of, or null = midnight after the latest order line. */
  asOf: string | null;
  excludePurchased: boolean;
  /** 'attribute=value' restrictions, all must hold. */
  filters: string[];
  attributes: string[];
  /** 'attribute=N' cap, or null. */
  maxPer: string | null;
  model: string;
}

export const defaultRecsSettings: RecsSettings = {
  top: 10,
  asOf: null,
  excludePurchased: false,
  filters: [],
  attributes: [],
  maxPer: null,
  model: defaultRecsModel,
};
const META_KEY = 'product_recommendations';

export async function savedRecsSettings(store: Store): Promise<RecsSettings> {
  return { ...defaultRecsSettings, ...((await getMeta<Partial<RecsSettings>>(store, META_KEY)) ?? {}) };
}

export async function asOfFromSettings(store: Store, s: RecsSettings): Promise<Date> {
  if (s.asOf) return parseDateArg(s.asOf);
  const d = await defaultAsOf(store);
  if (!d) throw new UserError('the store has no order lines: import purchases first');
  return d;
}

function splitPair(flag: string, text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0 || at === text.length - 1) throw new UserError(`--${flag} must look like attribute=value (got '${text}')`);
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

/** Item mask and caps for the settings, over the engine's product dictionary. */
export async function requestFromSettings(store: Store, engine: RecsEngine, s: RecsSettings): Promise<RecsRequest> {
  const nItems = engine.productIds.length;
  const codes = async (attr: string) => {
    try {
      return await productAttributeCodes(store, attr, engine.productIds);
    } catch (e) {
      throw new UserError((e as Error).message);
    }
  };
  let allowed: Uint8Array | null = null;
  for (const f of s.filters) {
    const [attr, value] = splitPair('filter', f);
    const c = await codes(attr);
    const v = c.values.indexOf(value);
    allowed ??= new Uint8Array(nItems).fill(1);
    for (let i = 0; i < nItems; i++) if (c.codes[i] !== v || v < 0) allowed[i] = 0;
  }
  let maxPer: RecsRequest['maxPer'] = null;
  if (s.maxPer) {
    const [attr, num] = splitPair('max-per', s.maxPer);
    const max = Number(num);
    if (!Number.isInteger(max) || max < 1) throw new UserError(`--max-per needs a whole number ≥ 1 after '=' (got '${num}')`);
    maxPer = { codes: (await codes(attr)).codes, max };
  }
  for (const a of s.attributes) await codes(a); // fails early with the known attribute names
  return { n: s.top, excludeSeen: listsExcludeSeen(engine, s.excludePurchased), allowed, maxPer };
}

/** Lists for `users` (dense indices of the engine) with output scores in [0, 1]. */
export async function recsRowsForUsers(
  store: Store,
  engine: RecsEngine,
  users: Int32Array,
  s: RecsSettings,
  updatedAt = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000),
): Promise<RecsRows> {
  const req = await requestFromSettings(store, engine, s);
  const top = await recommendationsFromModel(
    engine.model,
    users,
    engine.productIds.length,
    { indptr: engine.log.indptr, indices: engine.log.indices },
    req,
  );
  return {
    users,
    items: top.items,
    scores: relativeScoresInPlace(top.scores, users.length, s.top),
    n: s.top,
    customerIds: engine.customerIds,
    productIds: engine.productIds,
    attributes: s.attributes,
    updatedAt,
  };
}

/** Customers with at least one purchase before the as-of date. */
export function usersWithHistory(engine: RecsEngine): Int32Array {
  const out: number[] = [];
  for (let u = 0; u < engine.log.nUsers; u++) if (engine.log.indptr[u + 1] > engine.log.indptr[u]) out.push(u);
  return Int32Array.from(out);
}

/** Progress of a long run: fraction done in [0, 1] and the current stage. */
export type RecsProgress = (fraction: number, stage: string) => void;

export async function recommendProducts(
  store: Store,
  settings: RecsSettings,
  target: RecsTarget,
  log: (s: string) => void = () => {},
  progress: RecsProgress = () => {},
) {
  const t0 = Date.now();
  // Fail before the (long) fit when the file could never be written.
  if (target.kind === 'file' && !existsSync(dirname(target.path))) {
    throw new UserError(`no folder ${dirname(target.path)} to write ${target.path} into`);
  }
  const asOf = await asOfFromSettings(store, settings);
  progress(0.05, `model ${settings.model}`);
  let engine: RecsEngine;
  try {
    engine = await loadRecsEngine(store, {
      modelName: settings.model,
      asOf,
      foldsLater: settings.asOf === null,
      variant: settings.excludePurchased ? 'new' : 'all',
      log,
      progress: (f, stage) => progress(0.05 + 0.45 * f, stage),
    });
  } catch (e) {
    if (/unknown model|needs a catalogue/.test((e as Error).message)) throw new UserError((e as Error).message);
    throw e;
  }
  const users = usersWithHistory(engine);
  if (users.length === 0) throw new UserError(`no customer has purchases before ${asOf.toISOString().slice(0, 10)}`);
  log(`ranking ${settings.top} products for ${users.length.toLocaleString('en-US')} customers…`);
  progress(0.6, 'ranking');
  const rows = await recsRowsForUsers(store, engine, users, settings);
  progress(0.85, 'writing');
  const written = await writeRecommendations(store, rows, target);
  if (target.kind === 'table') await setMeta(store, META_KEY, settings);
  await (engine.model as { release?: () => Promise<void> }).release?.();
  return { customers: users.length, rows: written, seconds: (Date.now() - t0) / 1000, asOf, model: engine.modelName, auto: engine.auto };
}
