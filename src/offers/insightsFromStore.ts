// Thin service behind `nextbest offers insights`: reads purchase lines and the product hierarchy
// from the store, maps every node of one hierarchy level to a candidate offer (`<level>=<value>`,
// the ids `offers from-attribute` creates), backtests the propensity model for the efficiency
// index, and returns the pure insights (offers/insights.ts) with ids attached.
import { createHash } from 'node:crypto';
import { UserError } from '../domain/errors.ts';
import { cacheModel, cachedModel, dataFingerprint } from '../store/modelCache.ts';
import {
  propensityFromLines,
  propensityScores,
  defaultPropensityConfig,
  type PropensityConfig,
} from '../models/propensity/propensityModel.ts';
import type { OfferLines } from '../rank/offerLines.ts';
import { defaultAsOf, interactionsFromStore } from '../snapshot/interactions.ts';
import { propensityLinesFromOfferLines } from '../snapshot/offerFeaturesLines.ts';
import { productAttributeCodes } from '../snapshot/productAttribute.ts';
import { getHierarchy } from '../store/meta.ts';
import type { Store } from '../store/store.ts';
import { INSIGHT_WINDOW_DAYS, offerInsightsFromLines, type OfferInsight } from './insights.ts';
import { DAY } from '../math/day.ts';

export interface OfferInsightsReport {
  /** The hierarchy level whose nodes are the candidate offers. */
  level: string;
  asOf: Date;
  /** Which propensity model the efficiency backtest used, or why it has none. */
  efficiencyModel: string;
  insights: (OfferInsight & { offerId: string; name: string })[];
}

export async function offerInsightsFromStore(
  store: Store,
  opts: { level?: string; asOf?: Date; config?: PropensityConfig; log?: (s: string) => void } = {},
): Promise<OfferInsightsReport> {
  const log = opts.log ?? (() => {});
  const hierarchy = await getHierarchy(store);
  const level = opts.level ?? hierarchy[hierarchy.length - 1];
  if (!level) throw new UserError('no product hierarchy is declared: give the level with --type (a product attribute, e.g. family)');
  const asOf = opts.asOf ?? (await defaultAsOf(store));
  if (!asOf) throw new UserError('the store has no order lines: import orders first');
  const x = await interactionsFromStore(store, { to: asOf });
  let attr;
  try {
    attr = await productAttributeCodes(store, level, x.productIds);
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  const nOffers = attr.values.length;
  if (nOffers === 0) throw new UserError(`attribute '${level}' has no values on purchased products`);
  const lines: OfferLines & { lineProd: Int32Array } = {
    nCustomers: x.customerIds.length,
    nOffers,
    asOf: asOf.getTime(),
    lineCust: x.cust,
    lineOffer: Int32Array.from(x.prod, (p) => attr.codes[p]),
    lineAmount: x.amount,
    lineTs: x.ts,
    lineProd: x.prod,
  };
  // The level above (e.g. department for family) feeds the ancestor features when declared.
  const parentLevel = hierarchy.indexOf(level) > 0 ? hierarchy[hierarchy.indexOf(level) - 1] : null;
  const parent = parentLevel ? await productAttributeCodes(store, parentLevel, x.productIds) : null;
  const plines = propensityLinesFromOfferLines(
    lines,
    parent?.codes ?? new Int32Array(x.productIds.length).fill(-1),
    parent?.values.length ?? 0,
  );

  // Efficiency backtest: model trained with cuts ending by asOf − W, scored as of asOf − W, with a
  // horizon of W so it predicts exactly the window whose buyers are counted.
  const cut = asOf.getTime() - INSIGHT_WINDOW_DAYS * DAY;
  const cfg: PropensityConfig = { ...(opts.config ?? defaultPropensityConfig), horizonDays: INSIGHT_WINDOW_DAYS };
  // The backtest trains a model (seconds): kept in the model cache by everything it depends on, so
  // the insights screen and repeated calls on unchanged data answer from the cache.
  const key = createHash('sha256')
    .update(JSON.stringify(['insights-efficiency', level, parentLevel, asOf.toISOString(), cfg, await dataFingerprint(store)]))
    .digest('hex');
  const cached = await cachedModel<{ backtest: Float64Array | null; efficiencyModel: string }>(store, key);
  let backtest: Float64Array | null = cached?.backtest ?? null;
  let efficiencyModel = cached?.efficiencyModel ?? '';
  if (!cached) {
    try {
      const model = propensityFromLines(plines, cut, cfg, {}, log);
      backtest = propensityScores(model, plines, cut);
      efficiencyModel = `${model.kind} trained before ${new Date(cut).toISOString().slice(0, 10)}`;
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      efficiencyModel = `none: ${e.message}`;
      log(`efficiency index not computed: ${e.message}`);
    }
    await cacheModel(store, key, { backtest, efficiencyModel });
  }
  const insights = offerInsightsFromLines(lines, asOf.getTime(), backtest).map((r) => ({
    ...r,
    offerId: `${level}=${attr.values[r.offer]}`,
    name: attr.values[r.offer],
  }));
  return { level, asOf, efficiencyModel, insights };
}
