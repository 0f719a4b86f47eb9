// Everything shared by all customers of one world, rebuilt identically from the options in every
// worker (cheap: catalog + offer plan + calendar), so workers only exchange customer index ranges.
import { catalogFromSeed, type Catalog } from './catalogFromSeed.ts';
import { offerPlanFromCatalog, type OfferPlan } from './offerPlanFromCatalog.ts';
import { defaultWorldConfig, type WorldConfig } from './worldConfig.ts';
import { DAY } from '../math/day.ts';

export interface WorldOptions {
  customers: number;
  products: number;
  months: number;
  /** Any safe integer. */
  seed: number;
  /** First day of the window, 'YYYY-MM-DD'. */
  start: string;
  /** Overrides of the behavioural defaults. */
  config?: Partial<WorldConfig>;
}

export interface World {
  options: WorldOptions;
  cfg: WorldConfig;
  catalog: Catalog;
  plan: OfferPlan;
  /** Epoch ms (UTC = wall clock) of the window start; the window is `days` whole days. */
  startMs: number;
  days: number;
  /** Per day of the window: calendar month 0..11, and 'YYYY-MM-DD'. */
  dayMonth: Int8Array;
  dayStr: string[];
}

export function worldFromOptions(options: WorldOptions): World {
  const cfg = { ...defaultWorldConfig, ...options.config };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.start);
  if (!m) throw new Error(`start must be YYYY-MM-DD (got '${options.start}')`);
  const startMs = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  if (new Date(startMs).toISOString().slice(0, 10) !== options.start) throw new Error(`not a valid date: '${options.start}'`);
  const endMs = Date.UTC(+m[1], +m[2] - 1 + options.months, +m[3]);
  const days = Math.round((endMs - startMs) / DAY);
  const dayMonth = new Int8Array(days);
  const dayStr = new Array<string>(days);
  for (let d = 0; d < days; d++) {
    const date = new Date(startMs + d * DAY);
    dayMonth[d] = date.getUTCMonth();
    dayStr[d] = date.toISOString().slice(0, 10);
  }
  const catalog = catalogFromSeed(options.seed, options.products, cfg);
  const plan = offerPlanFromCatalog(options.seed, catalog, cfg, days);
  return { options, cfg, catalog, plan, startMs, days, dayMonth, dayStr };
}

/** 'YYYY-MM-DD' of a day index that may fall outside the window (e.g. a signup before it). */
export function dateOfDay(world: World, day: number): string {
  return new Date(world.startMs + Math.floor(day) * DAY).toISOString().slice(0, 10);
}
