// `tune` service: grid search of a model's config on a validation window that ends at the as-of
// date (history before asOf − V, targets in [asOf − V, asOf)) — the test window is never seen.
// The best config is saved as meta `config:<model>` and used by evaluate / recommend.
import { UserError } from '../domain/errors.ts';
import { configsFromGrid, modelCatalog, modelWithConfig, type ModelConfig } from '../models/modelCatalog.ts';
import { setMeta } from '../store/meta.ts';
import type { Store } from '../store/store.ts';
import { defaultAsOf, interactionsFromStore, purchaseLinesFromInteractions } from '../snapshot/interactions.ts';
import { b1SplitFromLines, evaluateModels, type B1Variant } from './evaluateModels.ts';
import { DAY } from '../math/day.ts';

export interface TuneOptions {
  model: string;
  asOf?: Date;
  /** validation window V in days */
  validationDays?: number;
  /** NDCG of which variant to maximise; 'both' = their mean */
  variant?: B1Variant | 'both';
  k?: number;
  log?: (msg: string) => void;
  /** fraction done in [0, 1] and the current stage */
  progress?: (fraction: number, stage: string) => void;
}

export interface TuneResult {
  model: string;
  best: ModelConfig;
  ndcg: number;
  trials: { config: ModelConfig; ndcg: number }[];
  validationFrom: string;
  validationTo: string;
}

export async function tuneModel(store: Store, opts: TuneOptions): Promise<TuneResult> {
  const entry = modelCatalog[opts.model];
  if (!entry) throw new UserError(`model '${opts.model}' has no tunable config (tunable: ${Object.keys(modelCatalog).join(', ')})`);
  const asOf = opts.asOf ?? (await defaultAsOf(store));
  if (!asOf) throw new UserError('the store has no order lines: import some first');
  const V = opts.validationDays ?? 91;
  const cut = asOf.getTime() - V * DAY;
  const x = await interactionsFromStore(store, { to: asOf });
  const split = b1SplitFromLines(purchaseLinesFromInteractions(x), cut, asOf.getTime());
  if (split.usersAll.length === 0)
    throw new UserError(`no validation customers: nobody bought both before and in the ${V} days before the as-of date`);
  const variant = opts.variant ?? 'all';
  const variants: B1Variant[] = variant === 'both' ? ['all', 'new'] : [variant];
  const trials: TuneResult['trials'] = [];
  const base: ModelConfig = opts.model === 'blend' || opts.model === 'repurchase' ? { horizonDays: V } : {};
  const configs = configsFromGrid(entry.grid);
  for (const [t, c] of configs.entries()) {
    opts.progress?.(t / configs.length, `trial ${t + 1} of ${configs.length}`);
    const config = { ...base, ...c };
    const rows = await evaluateModels(
      split,
      [{ name: opts.model, make: () => modelWithConfig(opts.model, config) }],
      opts.k ?? 10,
      variants,
    );
    const ndcg = rows.reduce((a, r) => a + r.ndcg, 0) / rows.length;
    trials.push({ config: c, ndcg });
    opts.log?.(`tune ${opts.model} ${t + 1}/${configs.length} ${JSON.stringify(c)} NDCG@${opts.k ?? 10} ${ndcg.toFixed(4)}`);
  }
  const best = trials.reduce((a, b) => (b.ndcg > a.ndcg ? b : a));
  await setMeta(store, `config:${opts.model}`, best.config);
  const iso = (ms: number) => new Date(ms).toISOString();
  return { model: opts.model, best: best.config, ndcg: best.ndcg, trials, validationFrom: iso(cut), validationTo: iso(asOf.getTime()) };
}
