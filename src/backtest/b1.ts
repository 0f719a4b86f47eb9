// B1 backtest service (I/O edge): reads purchase lines from the store (two interaction files: see
// b1FromFiles.ts), splits them at the as-of date, runs evaluateModels and saves each model's quality.
import { UserError } from '../domain/errors.ts';
import { modelCatalog, modelWithConfig, type ModelConfig } from '../models/modelCatalog.ts';
import { AUTO_BASELINE, AUTO_MODEL, modelFromName, modelRegistry } from '../models/registry.ts';
import { recsAutoChoice } from './recsAutoChoice.ts';
import { listModeNote } from './listModeNote.ts';
import type { PurchaseLines } from '../models/interactionLogFromLines.ts';
import { getMeta, setMeta } from '../store/meta.ts';
import type { Store } from '../store/store.ts';
import { defaultAsOf, interactionsFromStore, isoLocal, purchaseLinesFromInteractions } from '../snapshot/interactions.ts';
import { b1SplitFromLines, evaluateModels, type B1Row, type B1Variant, type ModelSpec } from './evaluateModels.ts';
import { DAY } from '../math/day.ts';

/** What `evaluate` compares when no model is named: the default (auto) beside the references and the main models. */
export const DEFAULT_EVAL_MODELS = [AUTO_MODEL, 'popularity', 'top-frequency', 'repurchase', 'itemKnn', 'userKnn', 'blend'];

export interface B1Options {
  /** history ends here (exclusive); default: the store's default as-of date */
  asOf?: Date;
  /** test window length ('91d', '12w', '3m', '1y') or 'end' (all lines after as-of; the default) */
  horizon?: string;
  models: string[];
  /** history lines in [from, to) are left out */
  exclude?: { from: Date; to: Date };
  /** '365d' etc. = only that much history before as-of; 'all' (default) */
  trainWindow?: string;
  k?: number;
  variants?: B1Variant[];
  log?: (msg: string) => void;
  /** fraction done in [0, 1] and the current stage */
  progress?: (fraction: number, stage: string) => void;
}

export interface B1Report {
  asOf: string;
  end: string;
  k: number;
  rows: B1Row[];
  /** How the data was read when that changes what the figures mean (files without timestamps, non-temporal splits). */
  notes?: string[];
}

/** Days in '91d' / '12w' / '3m' (×30.44) / '1y' (×365); UserError otherwise. */
export function daysFromDuration(s: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([dwmy])$/.exec(s.trim());
  if (!m) throw new UserError(`--${flag} must look like 91d, 12w, 3m or 1y (got '${s}')`);
  const mult = { d: 1, w: 7, m: 30.44, y: 365 }[m[2] as 'd' | 'w' | 'm' | 'y'];
  return Math.round(+m[1] * mult);
}

/**
 * Model specs with saved configs (meta `config:<model>`) and the horizon applied; `blend` (e.g. a
 * validation window that fits a short history) is applied to the blend under any saved config.
 */
export async function specsFor(store: Store | null, names: string[], horizonDays: number, blend: ModelConfig = {}): Promise<ModelSpec[]> {
  const specs: ModelSpec[] = [];
  for (const name of names) {
    if (name === AUTO_MODEL) continue; // chosen inside the backtest, per variant (b1FromLines)
    const saved = store ? await getMeta<ModelConfig>(store, `config:${name}`) : undefined;
    const config: ModelConfig = {
      ...(name === 'blend' || name === 'repurchase' ? { horizonDays } : {}),
      ...(saved ?? {}),
      ...(name === 'blend' ? blend : {}),
    };
    try {
      modelWithConfig(name, config);
    } catch (e) {
      throw new UserError((e as Error).message);
    }
    specs.push({ name, make: () => modelWithConfig(name, config) });
  }
  return specs;
}

export async function b1FromLines(lines: PurchaseLines, asOf: number, end: number, specs: ModelSpec[], opts: B1Options): Promise<B1Report> {
  const trainFrom =
    opts.trainWindow && opts.trainWindow !== 'all' ? asOf - daysFromDuration(opts.trainWindow, 'train-window') * DAY : undefined;
  const split = b1SplitFromLines(lines, asOf, end, {
    trainFrom,
    exclude: opts.exclude ? { from: opts.exclude.from.getTime(), to: opts.exclude.to.getTime() } : undefined,
  });
  if (split.usersAll.length === 0)
    throw new UserError('no test customers: nobody has both history before the as-of date and purchases in the test window');
  opts.log?.(`B1: ${split.usersAll.length} test customers (all items), ${split.usersNew.length} (new items)`);
  const variants = opts.variants ?? ['all', 'new'];
  const withAuto = opts.models.includes(AUTO_MODEL);
  const rows = await evaluateModels(split, specs, opts.k ?? 10, variants, opts.log, (f, stage) =>
    opts.progress?.(0.1 + (withAuto ? 0.6 : 0.9) * f, stage),
  );
  const iso = (t: number) => (Number.isFinite(t) ? isoLocal(new Date(t)) : 'end');
  const notes: string[] = [],
    autoRows: B1Row[] = [];
  if (withAuto) {
    // As `recommend` runs it: chosen on the history before the as-of date only (its own validation cut), then scored on the test window.
    for (const [v, variant] of variants.entries()) {
      opts.progress?.(0.7 + (0.3 * v) / variants.length, `auto (${variant} items)`);
      const choice = await recsAutoChoice(lines, asOf, {
        variant,
        k: opts.k ?? 10,
        candidates: Object.entries(modelRegistry),
        log: opts.log,
        baseline: AUTO_BASELINE[variant],
      });
      const spec = { name: AUTO_MODEL, make: () => modelFromName(choice.chosen), excludeSeen: choice.excludeSeen };
      const [row] = await evaluateModels(split, [spec], opts.k ?? 10, [variant]);
      autoRows.push({ ...row, fitSeconds: row.fitSeconds + choice.seconds });
      notes.push(
        `auto (${variant} items) chose ${choice.chosen}${listModeNote(variant, choice.excludeSeen)} ` +
          `in ${choice.seconds.toFixed(1)} s ` +
          `by backtest on ${choice.validationFrom} – ${choice.validationTo}; ` +
          `its fit s include the choice`,
      );
    }
  }
  return { asOf: iso(asOf), end: iso(end), k: opts.k ?? 10, rows: [...autoRows, ...rows], ...(notes.length ? { notes } : {}) };
}

/** B1 on the store's order lines; saves `quality:<model>` for every model. */
export async function b1FromStore(store: Store, opts: B1Options): Promise<B1Report> {
  const asOf = opts.asOf ?? (await defaultAsOf(store));
  if (!asOf) throw new UserError('the store has no order lines: import some first');
  opts.progress?.(0, 'reading purchases');
  const horizonDays = !opts.horizon || opts.horizon === 'end' ? null : daysFromDuration(opts.horizon, 'horizon');
  const end = horizonDays === null ? Infinity : asOf.getTime() + horizonDays * DAY;
  const x = await interactionsFromStore(store, horizonDays === null ? {} : { to: new Date(end) });
  const lastTs = x.ts.length ? x.ts[x.ts.length - 1] : asOf.getTime();
  const specs = await specsFor(store, opts.models, Math.max(1, Math.round(((horizonDays === null ? lastTs : end) - asOf.getTime()) / DAY)));
  const report = await b1FromLines(purchaseLinesFromInteractions(x), asOf.getTime(), end, specs, opts);
  for (const name of opts.models) {
    const rows = report.rows.filter((r) => r.model === name);
    await setMeta(store, `quality:${name}`, {
      measuredAt: new Date().toISOString(),
      asOf: report.asOf,
      end: report.end,
      k: report.k,
      rows,
    });
  }
  return report;
}

/** Names `evaluate` and `tune` accept. */
export function tunableModels(): string[] {
  return Object.keys(modelCatalog);
}
