// The recommendation model behind the real-time API, as the recs worker thread holds it: loaded
// (fitted only if its saved state is stale) with the settings recommendations were computed with;
// folds ingested purchases in without retraining and scores one customer's filtered or longer list.
import { UserError } from '../domain/errors.ts';
import { ingestPurchases, type LineLabels, type Purchase } from '../recs/ingestPurchase.ts';
import { wallClockNow } from '../domain/wallClockNow.ts';
import { asOfFromSettings, savedRecsSettings, type RecsSettings } from '../recs/productRecommendations.ts';
import { recommendationsFromModel } from '../recs/recommendationsFromModel.ts';
import { listsExcludeSeen, loadRecsEngine, type RecsEngine } from '../recs/recsEngine.ts';
import { relativeScoresInPlace } from '../recs/relativeScores.ts';
import { productAttributeCodes } from '../snapshot/productAttribute.ts';
import type { Store } from '../store/store.ts';
import { rowsByCustomer, type RecsRow } from './recsLists.ts';

export interface IngestedLists {
  customers: string[];
  lists: [string, RecsRow[]][];
  tableUpdated: boolean;
}

export class RecsModel {
  /** Allowed-item masks per 'attribute=value', over the engine's product dictionary. */
  private readonly masks = new Map<string, Uint8Array>();

  private constructor(
    private readonly engine: RecsEngine,
    private readonly settings: RecsSettings,
  ) {}

  static async load(store: Store, log: (line: string) => void): Promise<RecsModel> {
    const settings = await savedRecsSettings(store);
    const asOf = await asOfFromSettings(store, settings);
    return new RecsModel(
      await loadRecsEngine(store, {
        modelName: settings.model,
        asOf,
        foldsLater: settings.asOf === null,
        variant: settings.excludePurchased ? 'new' : 'all',
        log,
      }),
      settings,
    );
  }

  async ingest(store: Store, purchases: Purchase[], labels: (i: number) => LineLabels): Promise<IngestedLists> {
    const res = await ingestPurchases(store, this.engine, purchases, this.settings, labels);
    const lists = [...rowsByCustomer(res.rows)];
    return { customers: lists.map(([id]) => id), lists, tableUpdated: res.tableUpdated };
  }

  /** A list computed now for one customer; the only store read is an attribute's values, once per value. */
  async scored(store: Store, customerId: string, top: number, filter: string | null): Promise<RecsRow[] | null> {
    const engine = this.engine;
    const u = engine.customerIndex.get(customerId);
    if (u === undefined) return null;
    const allowed = filter ? await this.mask(store, filter) : null;
    const users = Int32Array.of(u);
    const seen = { indptr: engine.log.indptr, indices: engine.log.indices };
    const req = { n: top, excludeSeen: listsExcludeSeen(engine, this.settings.excludePurchased), allowed, maxPer: null };
    const topN = await recommendationsFromModel(engine.model, users, engine.productIds.length, seen, req);
    const scores = relativeScoresInPlace(topN.scores, 1, top);
    const rows = {
      users,
      items: topN.items,
      scores,
      n: top,
      customerIds: engine.customerIds,
      productIds: engine.productIds,
      attributes: [],
      updatedAt: wallClockNow(),
    };
    return rowsByCustomer(rows).get(customerId) ?? null;
  }

  /** Releases the model's native resources (onnxruntime sessions). */
  async release(): Promise<void> {
    await (this.engine.model as { release?: () => Promise<void> }).release?.();
  }

  private async mask(store: Store, filter: string): Promise<Uint8Array> {
    const at = filter.search(/[=:]/);
    if (at <= 0 || at === filter.length - 1) throw new UserError(`filter must look like attribute:value (got '${filter}')`);
    const attr = filter.slice(0, at),
      value = filter.slice(at + 1);
    const key = `${attr}=${value}`;
    let m = this.masks.get(key);
    if (!m) {
      let c;
      try {
        c = await productAttributeCodes(store, attr, this.engine.productIds);
      } catch (e) {
        throw new UserError((e as Error).message);
      }
      const v = c.values.indexOf(value);
      m = Uint8Array.from(c.codes, (code) => (v >= 0 && code === v ? 1 : 0));
      this.masks.set(key, m);
    }
    return m;
  }
}
